package kisgateway.sim.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import kisgateway.sim.SecretMask;
import kisgateway.sim.SimJson;

/**
 * One client connection on the real-time port. Everything here runs on the connection's event loop: frames from
 * the client, PINGPONG, and the notices and ticks handed over by {@link NoticeDispatcher} through
 * {@link Context#runOnContext}. That confinement is what makes the per-subscription {@code Cipher} safe.
 */
final class WsSession {
    /** Registrations per session, summed over all TRs (KIS notice of 2026-04-20; the 42nd gets OPSP0008). */
    static final int MAX_REGISTRATIONS = 41;
    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final Pattern STOCK_KEY = Pattern.compile("[0-9A-Z]{6,7}");
    private static final int FLOOD_CHUNK = 512;

    private final long id = IDS.incrementAndGet();
    private final ServerWebSocket ws;
    private final Context context;
    private final String remoteIp;
    private final WsServices services;
    private final Map<String, NoticeEncryptor> subscriptions = new LinkedHashMap<>();
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    private volatile String appKey;
    private long pingTimer = -1;
    private boolean closed;

    WsSession(ServerWebSocket ws, Context context, String remoteIp, WsServices services) {
        this.ws = ws;
        this.context = context;
        this.remoteIp = remoteIp;
        this.services = services;
    }

    void start() {
        services.sessions().add(this);
        ws.textMessageHandler(this::onText);
        ws.pongHandler(payload -> services.stats().pingReply(statsKey(), true));
        ws.exceptionHandler(t -> LOG.debug("ws session={} error={}", id, t.toString()));
        ws.closeHandler(v -> onClosed());
        pingTimer = services.vertx().setPeriodic(services.pingInterval().toMillis(), t -> sendPing());
        LOG.debug("ws session={} opened ip={} path={}", id, remoteIp, ws.path());
    }

    String appKey() {
        return appKey;
    }

    int subscriptionCount() {
        return subscriptionCount.get();
    }

    // ------------------------------------------------------------ from the client

    private void onText(String raw) {
        JsonNode root;
        try {
            root = SimJson.MAPPER.readTree(raw);
        } catch (Exception e) {
            send(ControlFrames.error("", "", ControlFrames.INVALID_JSON));
            return;
        }
        if (root == null || !root.isObject()) {
            send(ControlFrames.error("", "", ControlFrames.INVALID_JSON));
            return;
        }
        JsonNode header = root.get("header");
        if (header == null || !header.isObject()) {
            send(ControlFrames.error("", "", ControlFrames.HEADER_NOT_FOUND));
            return;
        }
        if ("PINGPONG".equals(header.path("tr_id").asText())) {
            services.stats().pingReply(statsKey(), false);
            return;
        }
        JsonNode input = root.path("body").path("input");
        String trId = input.path("tr_id").asText("");
        String trKey = input.path("tr_key").asText("");
        String requestedKey = services.approvals().appKeyOf(header.path("approval_key").asText(null)).orElse(null);
        if (appKey == null && requestedKey != null && services.churn().appKeyBlocked(remoteIp, requestedKey)) {
            // this IP and app key looped recently: no service until the block ends
            close(1008, "blocked");
            return;
        }
        String error = checkAndClaim(root, header, input, requestedKey, trId, trKey);
        if (error != null) {
            send(ControlFrames.error(trId, trKey, error));
            return;
        }
        if ("1".equals(header.path("tr_type").asText())) {
            subscribe(trId, trKey);
        } else {
            release(trId, trKey);
        }
    }

    /**
     * The OPSP code that refuses the frame, or null. The first acceptable frame of a session claims its app key
     * (one session per app key), so a session refused with OPSP8996 never holds it.
     */
    private String checkAndClaim(JsonNode root, JsonNode header, JsonNode input, String requestedKey, String trId,
                                 String trKey) {
        if (requestedKey == null) {
            return ControlFrames.INVALID_APPROVAL;
        }
        String custtype = header.path("custtype").asText(null);
        if (custtype == null) {
            return ControlFrames.CUSTTYPE_NOT_FOUND;
        }
        if (!custtype.equals("P") && !custtype.equals("B")) {
            return ControlFrames.INVALID_CUSTTYPE;
        }
        String trType = header.path("tr_type").asText("");
        if (!trType.equals("1") && !trType.equals("2")) {
            return ControlFrames.INVALID_TR_TYPE;
        }
        if (!root.path("body").isObject()) {
            return ControlFrames.BODY_NOT_FOUND;
        }
        if (!input.isObject()) {
            return ControlFrames.INPUT_NOT_FOUND;
        }
        if (appKey == null) {
            if (!services.sessions().claim(requestedKey, this)) {
                return ControlFrames.APPKEY_IN_USE;
            }
            appKey = requestedKey;
            services.stats().wsConnectAttributed(requestedKey);
        } else if (!appKey.equals(requestedKey)) {
            return ControlFrames.INVALID_APPROVAL;
        }
        String noticeTr = services.env().executionNoticeTrId();
        if (trId.equals(noticeTr)) {
            if (!services.appKeys().htsIdBelongsTo(trKey, appKey)) {
                return ControlFrames.INVALID_TR_KEY;
            }
        } else if (trId.equals(MarketDataFormat.TICK_TR) || trId.equals(MarketDataFormat.ASKING_PRICE_TR)
                || trId.equals(MarketDataFormat.INTEGRATED_TICK_TR) && !services.env().isPaper()) {
            if (!STOCK_KEY.matcher(trKey).matches()) {
                return ControlFrames.INVALID_TR_KEY;
            }
        } else {
            return ControlFrames.INVALID_TR_ID;
        }
        return null;
    }

    private void subscribe(String trId, String trKey) {
        String key = trId + "|" + trKey;
        if (subscriptions.containsKey(key)) {
            send(ControlFrames.error(trId, trKey, ControlFrames.ALREADY_SUBSCRIBED));
            return;
        }
        if (subscriptions.size() >= MAX_REGISTRATIONS) {
            send(ControlFrames.error(trId, trKey, ControlFrames.MAX_SUBSCRIBE_OVER));
            return;
        }
        NoticeEncryptor keys = NoticeEncryptor.fresh(services.random());
        subscriptions.put(key, keys);
        subscriptionCount.set(subscriptions.size());
        services.sessions().subscribed(trId, trKey, this);
        boolean encrypted = trId.equals(services.env().executionNoticeTrId());
        send(ControlFrames.subscribed(trId, trKey, encrypted, keys));
        LOG.debug("ws session={} subscribed tr_id={} tr_key={} encrypt={}", id, trId, trKey, encrypted);
    }

    private void release(String trId, String trKey) {
        if (!services.churn().admitRelease(remoteIp, appKey)) {
            LOG.info("ws session={} blocked: subscribe/unsubscribe loop ip={} appKey={}", id, remoteIp,
                    SecretMask.mask(appKey));
            close(1008, "subscription loop");
            return;
        }
        String key = trId + "|" + trKey;
        if (subscriptions.remove(key) == null) {
            send(ControlFrames.error(trId, trKey, ControlFrames.NOT_SUBSCRIBED));
            return;
        }
        subscriptionCount.set(subscriptions.size());
        services.sessions().unsubscribed(trId, trKey, this);
        send(ControlFrames.unsubscribed(trId, trKey));
    }

    // ------------------------------------------------------------ to the client

    /** Encrypts a notice with this session's key for (trId, trKey) and sends it, if still subscribed. */
    void deliverNotice(String trId, String trKey, String plain) {
        context.runOnContext(v -> {
            NoticeEncryptor keys = subscriptions.get(trId + "|" + trKey);
            if (closed || keys == null) {
                return;
            }
            send("1|" + trId + "|001|" + keys.encrypt(plain));
            services.stats().noticesSent(appKey, 1);
        });
    }

    /** Sends a plain market-data frame, if still subscribed. */
    void deliverPlain(String trId, String trKey, String frame) {
        context.runOnContext(v -> {
            if (!closed && subscriptions.containsKey(trId + "|" + trKey)) {
                send(frame);
            }
        });
    }

    /** Sends {@code count} encrypted notices as fast as the socket drains, in chunks that keep the loop free. */
    void flood(String trId, String trKey, int count, IntFunction<String> plainOf) {
        context.runOnContext(v -> floodFrom(trId, trKey, 0, count, plainOf));
    }

    private void floodFrom(String trId, String trKey, int from, int count, IntFunction<String> plainOf) {
        NoticeEncryptor keys = subscriptions.get(trId + "|" + trKey);
        if (closed || keys == null) {
            return;
        }
        int i = from;
        while (i < count) {
            if (ws.writeQueueFull()) {
                int resume = i;
                services.stats().noticesSent(appKey, resume - from);
                ws.drainHandler(d -> {
                    ws.drainHandler(null);
                    floodFrom(trId, trKey, resume, count, plainOf);
                });
                return;
            }
            send("1|" + trId + "|001|" + keys.encrypt(plainOf.apply(i)));
            i++;
            if (i - from >= FLOOD_CHUNK && i < count) {
                int resume = i;
                services.stats().noticesSent(appKey, resume - from);
                context.runOnContext(n -> floodFrom(trId, trKey, resume, count, plainOf));
                return;
            }
        }
        services.stats().noticesSent(appKey, i - from);
    }

    void close(int code, String reason) {
        context.runOnContext(v -> {
            if (!closed) {
                ws.close((short) code, reason);
            }
        });
    }

    private void sendPing() {
        if (!closed) {
            send(ControlFrames.pingPong(services.clock().nowSeoul()));
        }
    }

    private void send(String text) {
        ws.writeTextMessage(text);
    }

    private void onClosed() {
        closed = true;
        if (pingTimer >= 0) {
            services.vertx().cancelTimer(pingTimer);
        }
        services.sessions().remove(this);
        subscriptionCount.set(0);
        LOG.debug("ws session={} closed", id);
    }

    private String statsKey() {
        return appKey == null ? "-" : appKey;
    }
}
