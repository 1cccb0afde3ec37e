package kisgateway.kis.ws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.auth.ApprovalKey;
import kisgateway.kis.auth.ApprovalKeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one KIS realtime WebSocket of one app key (KIS allows one session per app key): connect, subscribe the
 * execution notice (tr_key = HTS ID), keep the key/iv of each ack, decrypt and decode, deliver in order; answer
 * PINGPONG with a pong frame carrying the same text ([OTA] kis_auth.py); reconnect with exponential backoff and
 * jitter, re-subscribing every time; a breaker stops after N failures a minute and raises an alarm; a fresh approval
 * key after OPSP0011; silence past a threshold is reported (and by default ends the socket).
 *
 * <p>Never two sockets: every state change runs on one Vert.x context, a new connect starts only when no socket
 * and no attempt exist, and a reconnect is scheduled only from the old socket's close handler. A second session
 * for the same app key in this JVM is refused at {@link #start()}. Across JVMs, run it as a cluster singleton.
 */
public final class KisRealtimeSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KisRealtimeSession.class);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final ConcurrentMap<String, KisRealtimeSession> OPEN = new ConcurrentHashMap<>();

    public enum State { NEW, CONNECTING, SUBSCRIBING, LIVE, WAITING, BROKEN, STOPPED }

    private record Subscription(String trId, String trKey) {
    }

    private final Vertx vertx;
    private final Context context;
    private final KisEnvironment environment;
    private final KisAccount account;
    private final ApprovalKeySource approvalKeys;
    private final RealtimeSessionSettings settings;
    private final RealtimeListener listener;
    private final Executor delivery;
    private final ExecutorService ownDelivery;
    private final Clock clock;
    private final NanoTicker ticker;
    private final Random random;
    private final RealtimeFrameParser parser;
    private final SubscriptionFrames frames;
    private final FillNoticeDecoder decoder = new FillNoticeDecoder();
    private final TradePrintDecoder trades = new TradePrintDecoder();
    private final WebSocketClient client;
    private final String label;

    // Confined to the context thread:
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<String, NoticeCipher> ciphers = new HashMap<>();
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private WebSocket socket;
    private boolean attemptInFlight;
    private ApprovalKey approvalKey;
    private int consecutiveFailures;
    private boolean staleReported;
    private boolean dataConfirmed;
    private long staleTimer = -1;
    private long reconnectTimer = -1;

    private volatile State state = State.NEW;
    private volatile long lastActivity;
    private volatile String refusal;

    // Data frames handed to the delivery thread and not yet taken by the listener (bounded by the settings'
    // delivery capacity), notice frames dropped since the last report, and whether a report is on its way.
    private final java.util.concurrent.atomic.AtomicInteger pendingFrames = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong unreportedDrops = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean dropReportQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private final MeterRegistry meters;
    private final List<Gauge> gauges;
    private final Counter connectAttempts;
    private final Counter disconnects;
    private final Counter noticesReceived;
    private final Counter malformed;
    private final Counter droppedNotices;
    private final Counter droppedTrades;

    public KisRealtimeSession(Vertx vertx, KisEnvironment environment, KisAccount account,
                              ApprovalKeySource approvalKeys, RealtimeSessionSettings settings,
                              RealtimeListener listener, Executor delivery, ObjectMapper json, Clock clock,
                              NanoTicker ticker, Random random, MeterRegistry meters) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = vertx.getOrCreateContext();
        this.environment = Objects.requireNonNull(environment, "environment");
        this.account = Objects.requireNonNull(account, "account");
        this.approvalKeys = Objects.requireNonNull(approvalKeys, "approvalKeys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (delivery == null) {
            ownDelivery = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "kis-realtime-delivery-" + account.appKey().label());
                thread.setDaemon(true);
                return thread;
            });
            this.delivery = ownDelivery;
        } else {
            ownDelivery = null;
            this.delivery = delivery;
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.random = Objects.requireNonNull(random, "random");
        this.parser = new RealtimeFrameParser(json);
        this.frames = new SubscriptionFrames(json);
        this.label = account.appKey().label();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis()));
        subscriptions.add(new Subscription(environment.executionNoticeTrId(), account.htsId().reveal()));
        connectAttempts = Counter.builder("kis.ws.connect.attempts").tags("app_key", label).register(meters);
        disconnects = Counter.builder("kis.ws.disconnects").tags("app_key", label).register(meters);
        noticesReceived = Counter.builder("kis.ws.notices").tags("app_key", label).register(meters);
        malformed = Counter.builder("kis.ws.malformed").tags("app_key", label).register(meters);
        droppedNotices = Counter.builder("kis.ws.frames.dropped").description("data frames dropped because the"
                + " listener was behind by the delivery capacity (notices are backfilled)")
                .tags("app_key", label, "kind", "notices").register(meters);
        droppedTrades = Counter.builder("kis.ws.frames.dropped").description("data frames dropped because the"
                + " listener was behind by the delivery capacity (notices are backfilled)")
                .tags("app_key", label, "kind", "trades").register(meters);
        // the gauges read this session: a session that follows it (a new leadership term, a reloaded route)
        // registers its own, which Micrometer would ignore while these stood, so stop() removes them
        this.meters = meters;
        this.gauges = List.of(
                Gauge.builder("kis.ws.delivery.pending", pendingFrames, java.util.concurrent.atomic.AtomicInteger::get)
                        .description("data frames waiting for the listener").tags("app_key", label).register(meters),
                Gauge.builder("kis.ws.stream.silence", this, s -> s.state == State.LIVE
                                ? (s.ticker.nanoTime() - s.lastActivity) / 1e9 : Double.NaN)
                        .description("seconds since the last frame of a live session").baseUnit("seconds")
                        .tags("app_key", label).register(meters),
                Gauge.builder("kis.ws.live", this, s -> s.state == State.LIVE ? 1 : 0).tags("app_key", label)
                        .register(meters));
    }

    /** Production wiring: its own delivery thread, system clock and ticker. */
    public static KisRealtimeSession create(Vertx vertx, KisEnvironment environment, KisAccount account,
                                            ApprovalKeySource approvalKeys, RealtimeSessionSettings settings,
                                            RealtimeListener listener, MeterRegistry meters) {
        return new KisRealtimeSession(vertx, environment, account, approvalKeys, settings, listener, null,
                new ObjectMapper(), Clock.systemUTC(), NanoTicker.SYSTEM, new Random(), meters);
    }

    public State state() {
        return state;
    }

    public boolean isLive() {
        return state == State.LIVE;
    }

    /**
     * Why the latest (re)connect failed before the notice subscription was confirmed (the upgrade refused, the
     * connect failed or timed out, the socket closed while subscribing); empty once the session is live again. A
     * drop of a live socket followed by a reconnect that works is not a refusal.
     */
    public Optional<String> refusedReconnect() {
        return Optional.ofNullable(refusal);
    }

    /** Opens the session; refused while another session of this app key is open in this JVM. */
    public void start() {
        if (OPEN.putIfAbsent(account.appKey().id(), this) != null) {
            throw new IllegalStateException("a realtime session for app key " + label + " is already open");
        }
        context.runOnContext(v -> {
            staleTimer = vertx.setPeriodic(settings.staleCheckInterval().toMillis(), id -> checkStale());
            connect();
        });
    }

    /** After the breaker opened: forget the failures and try again. */
    public void restart() {
        context.runOnContext(v -> {
            if (state == State.BROKEN) {
                failures.clear();
                consecutiveFailures = 0;
                setState(State.WAITING);
                connect();
            }
        });
    }

    /**
     * Adds a realtime registration (e.g. a quote TR); refused past KIS's 41 per session. Re-subscribed after every
     * reconnect like the notice. KIS's confirmation is reported to {@code onSubscribed}; trades (H0STCNT0)
     * are decoded and delivered to {@code onTrades}, data of other TRs is not read here.
     */
    public Future<Void> addSubscription(String trId, String trKey) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            Subscription subscription = new Subscription(trId, trKey);
            if (subscriptions.contains(subscription)) {
                done.complete();
            } else if (subscriptions.size() >= environment.webSocketRegistrationLimit()) {
                done.fail(new IllegalStateException("KIS allows " + environment.webSocketRegistrationLimit()
                        + " realtime registrations per session"));
            } else {
                subscriptions.add(subscription);
                if (socket != null && approvalKey != null) {
                    socket.writeTextMessage(frames.register(approvalKey, trId, trKey));
                }
                done.complete();
            }
        });
        return done.future();
    }

    /**
     * Releases a registration added with {@link #addSubscription} (tr_type "2"): its slot is free at once, and it
     * is no longer re-subscribed after a reconnect. The notice's own registration is never released here. Callers
     * pace their releases: subscribe/release churn gets an app key blocked.
     */
    public Future<Void> removeSubscription(String trId, String trKey) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            Subscription subscription = new Subscription(trId, trKey);
            if (trId.equals(environment.executionNoticeTrId())) {
                done.fail(new IllegalArgumentException("the execution notice's registration is the session's own"));
            } else if (subscriptions.remove(subscription)) {
                if (socket != null && approvalKey != null) {
                    socket.writeTextMessage(frames.release(approvalKey, trId, trKey));
                }
                done.complete();
            } else {
                done.complete();
            }
        });
        return done.future();
    }

    /** Registrations held (the notice included). */
    public Future<Integer> registrations() {
        Promise<Integer> count = Promise.promise();
        context.runOnContext(v -> count.complete(subscriptions.size()));
        return count.future();
    }

    /** Closes the socket for good and releases the app key for another session. */
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            setState(State.STOPPED);
            vertx.cancelTimer(staleTimer);
            vertx.cancelTimer(reconnectTimer);
            Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
            closed.onComplete(ar -> {
                socket = null;
                OPEN.remove(account.appKey().id(), this);
                gauges.forEach(meters::remove);
                client.close();
                if (ownDelivery != null) {
                    ownDelivery.shutdown();
                }
                done.complete();
            });
        });
        return done.future();
    }

    @Override
    public void close() {
        try {
            stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            OPEN.remove(account.appKey().id(), this);
            LOG.warn("event=realtime_stop_incomplete app_key={} error={}", label, e.getClass().getSimpleName());
        }
    }

    // ---- everything below runs on the session context ----

    private void connect() {
        if (state == State.STOPPED || state == State.BROKEN || socket != null || attemptInFlight) {
            return;
        }
        attemptInFlight = true;
        setState(State.CONNECTING);
        connectAttempts.increment();
        URI uri = environment.webSocketUri();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80))
                .setSsl("wss".equals(uri.getScheme()))
                .setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        vertx.executeBlocking(() -> approvalKeys.approvalKey(account.credentials()), false)
                .compose(key -> {
                    approvalKey = key;
                    return client.connect(options);
                })
                .onComplete(this::connected);
    }

    private void connected(AsyncResult<WebSocket> result) {
        attemptInFlight = false;
        if (result.failed()) {
            refusal = "connect failed: " + result.cause().getClass().getSimpleName()
                    + (result.cause().getMessage() == null ? "" : " " + result.cause().getMessage());
            failed(refusal);
            return;
        }
        WebSocket ws = result.result();
        if (state == State.STOPPED) {
            ws.close();
            return;
        }
        socket = ws;
        ciphers.clear();
        staleReported = false;
        dataConfirmed = false;
        lastActivity = ticker.nanoTime();
        setState(State.SUBSCRIBING);
        ws.textMessageHandler(text -> onText(ws, text));
        ws.exceptionHandler(e -> LOG.debug("event=realtime_socket_error app_key={} error={}", label,
                e.getClass().getSimpleName()));
        ws.closeHandler(v -> closed(ws));
        for (Subscription subscription : subscriptions) {
            ws.writeTextMessage(frames.register(approvalKey, subscription.trId(), subscription.trKey()));
        }
        LOG.info("event=realtime_connected app_key={} registrations={}", label, subscriptions.size());
    }

    private void onText(WebSocket ws, String text) {
        if (ws != socket) {
            return;
        }
        lastActivity = ticker.nanoTime();
        staleReported = false;
        RealtimeFrame frame;
        try {
            frame = parser.parse(text);
        } catch (MalformedNotice e) {
            malformed(e);
            return;
        }
        if (frame instanceof RealtimeFrame.DataFrame data) {
            onData(data);
        } else if (frame instanceof RealtimeFrame.PingPong) {
            ws.writePong(Buffer.buffer(text));
        } else if (frame instanceof RealtimeFrame.SubscriptionReply reply) {
            onReply(ws, reply);
        }
    }

    private void onData(RealtimeFrame.DataFrame data) {
        if (TradePrintDecoder.isTradeTr(data.trId())) {
            try {
                List<TradePrint> prints = trades.decode(data);
                if (!deliverFrame("onTrades", () -> listener.onTrades(prints))) {
                    // a last price only: the next print of the symbol replaces it
                    droppedTrades.increment();
                }
            } catch (MalformedNotice e) {
                malformed(e);
            }
            return;
        }
        if (!data.trId().equals(environment.executionNoticeTrId())) {
            return; // other registrations are the integrator's to decode
        }
        try {
            List<ExecutionNotice> notices = decoder.decode(data, ciphers.get(data.trId()),
                    LocalDate.now(clock.withZone(KST)));
            noticesReceived.increment(notices.size());
            if (!deliverFrame("onNotices", () -> listener.onNotices(notices, data.raw()))) {
                noticeFrameDropped();
            }
        } catch (MalformedNotice e) {
            malformed(e);
        }
    }

    private void onReply(WebSocket ws, RealtimeFrame.SubscriptionReply reply) {
        boolean notice = reply.trId().equals(environment.executionNoticeTrId());
        if (reply.isSuccess()) {
            if (reply.hasCipher()) {
                ciphers.put(reply.trId(), new NoticeCipher(reply.key(), reply.iv()));
            }
            if (notice && state == State.SUBSCRIBING) {
                consecutiveFailures = 0;
                refusal = null;
                setState(State.LIVE);
                LOG.info("event=realtime_live app_key={} tr_id={}", label, reply.trId());
                deliver("onConnected", listener::onConnected);
            } else if (!notice && !reply.isUnsubscribeAck()) {
                dataConfirmed = true;
                deliver("onSubscribed", () -> listener.onSubscribed(reply.trId(), reply.trKey()));
            }
            return;
        }
        if (reply.isUnsubscribeAck() || reply.isAlreadySubscribed() && ciphers.containsKey(reply.trId())) {
            return;
        }
        if (reply.isAlreadySubscribed() && !notice) {
            // a plain registration this socket already holds: its data flows
            dataConfirmed = true;
            deliver("onSubscribed", () -> listener.onSubscribed(reply.trId(), reply.trKey()));
            return;
        }
        LOG.warn("event=realtime_subscribe_refused app_key={} tr_id={} msg_cd={} msg1=\"{}\"", label, reply.trId(),
                reply.msgCd(), reply.msg1());
        if (reply.isApprovalRefused()) {
            ApprovalKey refused = approvalKey;
            approvalKey = null;
            vertx.executeBlocking(() -> {
                approvalKeys.invalidate(account.credentials(), refused);
                return null;
            }, false).onComplete(ar -> ws.close());
        } else if (reply.isLimitReached() && !notice) {
            forgetRefused(reply);
        } else if (notice) {
            ws.close(); // without the notice the session is useless: start over with backoff
        }
    }

    /**
     * Only the refused registration is dropped, the ones of the same TR that KIS accepted stay: the one the
     * reply names, or, when its tr_key names none of ours, the latest of that TR (the one past the limit).
     */
    private void forgetRefused(RealtimeFrame.SubscriptionReply reply) {
        Subscription named = new Subscription(reply.trId(), reply.trKey());
        if (!subscriptions.remove(named)) {
            for (int i = subscriptions.size() - 1; i >= 0; i--) {
                if (subscriptions.get(i).trId().equals(reply.trId())) {
                    subscriptions.remove(i);
                    break;
                }
            }
        }
    }

    private void closed(WebSocket ws) {
        if (ws != socket) {
            return;
        }
        socket = null;
        ciphers.clear();
        if (state == State.STOPPED) {
            return;
        }
        disconnects.increment();
        String reason = "closed" + (ws.closeStatusCode() == null ? "" : " " + ws.closeStatusCode())
                + (ws.closeReason() == null ? "" : " " + ws.closeReason());
        boolean wasLive = state == State.LIVE;
        if (!wasLive) {
            refusal = "closed while subscribing: " + reason;
        }
        LOG.warn("event=realtime_disconnected app_key={} was_live={} reason=\"{}\"", label, wasLive, reason);
        if (wasLive || dataConfirmed) {
            // also when only a data registration was confirmed: its listener must learn that the data stopped
            deliver("onDisconnected", () -> listener.onDisconnected(reason));
        }
        failed(reason);
    }

    /** A failed attempt or a lost socket: the breaker counts it, otherwise reconnect after a backoff. */
    private void failed(String reason) {
        if (state == State.STOPPED) {
            return;
        }
        long now = ticker.nanoTime();
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > MINUTE_NANOS) {
            failures.removeFirst();
        }
        if (failures.size() >= settings.maxFailuresPerMinute()) {
            setState(State.BROKEN);
            String alarm = failures.size() + " realtime failures within a minute, last: " + reason;
            LOG.error("event=realtime_breaker_open app_key={} reason=\"{}\"", label, alarm);
            deliver("onAlarm", () -> listener.onAlarm(alarm));
            return;
        }
        consecutiveFailures++;
        long base = settings.backoff(consecutiveFailures).toMillis();
        long delay = Math.max(1, Math.round(base * (1 + settings.jitter() * (2 * random.nextDouble() - 1))));
        setState(State.WAITING);
        LOG.info("event=realtime_reconnect_scheduled app_key={} in_ms={} failures={}", label, delay,
                consecutiveFailures);
        reconnectTimer = vertx.setTimer(delay, id -> connect());
    }

    private void checkStale() {
        if (socket == null || state != State.LIVE && state != State.SUBSCRIBING) {
            return;
        }
        long silent = ticker.nanoTime() - lastActivity;
        if (silent > settings.staleAfter().toNanos() && !staleReported) {
            staleReported = true;
            Duration silence = Duration.ofNanos(silent);
            LOG.warn("event=realtime_stale app_key={} state={} silent_ms={}", label, state, silence.toMillis());
            deliver("onStale", () -> listener.onStale(silence));
            if (settings.reconnectWhenStale() || state == State.SUBSCRIBING) {
                socket.close();
            }
        }
    }

    private void setState(State next) {
        state = next;
    }

    private void malformed(MalformedNotice e) {
        malformed.increment();
        LOG.warn("event=realtime_malformed app_key={} reason=\"{}\"", label, e.reason());
        if (!deliverFrame("onMalformed", () -> listener.onMalformed(e))) {
            // it may have been a notice
            noticeFrameDropped();
        }
    }

    /**
     * A data frame for the listener, unless it is behind by the delivery capacity: then nothing is queued (only the
     * session context queues, so the count cannot pass the capacity).
     *
     * @return false when the frame was dropped
     */
    private boolean deliverFrame(String callback, Runnable call) {
        if (pendingFrames.get() >= settings.deliveryCapacity()) {
            return false;
        }
        pendingFrames.incrementAndGet();
        deliver(callback, () -> {
            try {
                call.run();
            } finally {
                pendingFrames.decrementAndGet();
            }
        });
        return true;
    }

    /**
     * Counted, and reported to the listener behind what is queued already: one report on its way at a time, which
     * takes every drop counted until it runs. Reports are not data frames, so the capacity never holds them back.
     */
    private void noticeFrameDropped() {
        droppedNotices.increment();
        unreportedDrops.incrementAndGet();
        if (dropReportQueued.compareAndSet(false, true)) {
            LOG.warn("event=realtime_frames_dropped app_key={} capacity={} reason=\"the listener is behind\"", label,
                    settings.deliveryCapacity());
            deliver("onNoticesDropped", () -> {
                dropReportQueued.set(false);
                long frames = unreportedDrops.getAndSet(0);
                if (frames > 0) {
                    listener.onNoticesDropped(frames);
                }
            });
        }
    }

    /**
     * In order on the delivery thread. A listener that throws has lost that callback: said loudly, because a lost
     * notice must be found by the gap backfill, and the thread keeps serving the next ones.
     */
    private void deliver(String callback, Runnable call) {
        delivery.execute(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.error("event=realtime_listener_failed app_key={} callback={} error={} message=\"{}\"", label,
                        callback, e.getClass().getSimpleName(), e.getMessage());
            }
        });
    }

    @Override
    public String toString() {
        return "KisRealtimeSession[" + label + ", " + state + "]";
    }
}
