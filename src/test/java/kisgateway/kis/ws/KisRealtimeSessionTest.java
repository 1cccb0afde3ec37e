package kisgateway.kis.ws;

import static kisgateway.kis.ws.NoticeSamples.acceptance26;
import static kisgateway.kis.ws.NoticeSamples.fill26;
import static kisgateway.kis.ws.NoticeSamples.join;
import static kisgateway.kis.ws.NoticeSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.auth.ApprovalKey;
import kisgateway.kis.auth.ApprovalKeySource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KisRealtimeSessionTest {

    private static final String HTS_ID = "htsuser77";
    private static Vertx vertx;

    private FakeRealtimeServer server;
    private KisRealtimeSession session;
    private final Recorder listener = new Recorder();
    private final Keys keys = new Keys();
    private final KisAccount account = KisAccount.of("ws", "ws-app-key-0123456789", "ws-secret", HTS_ID, "81055689",
            "01");

    /** Hands out approval-1, approval-2… a new one after each invalidation. */
    static final class Keys implements ApprovalKeySource {
        final AtomicInteger generation = new AtomicInteger(1);
        final List<String> invalidated = new CopyOnWriteArrayList<>();

        @Override
        public ApprovalKey approvalKey(AppCredentials credentials) {
            return new ApprovalKey("approval-" + generation.get());
        }

        @Override
        public void invalidate(AppCredentials credentials, ApprovalKey refused) {
            invalidated.add(refused.reveal());
            generation.incrementAndGet();
        }
    }

    static final class Recorder implements RealtimeListener {
        final List<ExecutionNotice> notices = new CopyOnWriteArrayList<>();
        final List<MalformedNotice> malformed = new CopyOnWriteArrayList<>();
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger disconnected = new AtomicInteger();
        final List<Duration> stale = new CopyOnWriteArrayList<>();
        final List<String> alarms = new CopyOnWriteArrayList<>();
        final List<TradePrint> trades = new CopyOnWriteArrayList<>();
        final List<String> subscribed = new CopyOnWriteArrayList<>();

        @Override
        public void onTrades(List<TradePrint> prints) {
            trades.addAll(prints);
        }

        @Override
        public void onSubscribed(String trId, String trKey) {
            subscribed.add(trId + "|" + trKey);
        }

        @Override
        public void onNotices(List<ExecutionNotice> batch, String rawFrame) {
            notices.addAll(batch);
        }

        @Override
        public void onMalformed(MalformedNotice notice) {
            malformed.add(notice);
        }

        @Override
        public void onConnected() {
            connected.incrementAndGet();
        }

        @Override
        public void onDisconnected(String reason) {
            disconnected.incrementAndGet();
        }

        @Override
        public void onStale(Duration silentFor) {
            stale.add(silentFor);
        }

        @Override
        public void onAlarm(String reason) {
            alarms.add(reason);
        }
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeRealtimeServer(vertx);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    private KisRealtimeSession session(RealtimeSessionSettings settings) {
        KisEnvironment environment = KisEnvironment.sim(URI.create("http://127.0.0.1:1"),
                URI.create("ws://127.0.0.1:" + server.port() + "/tryitout"));
        session = new KisRealtimeSession(vertx, environment, account, keys, settings, listener, null,
                new ObjectMapper(), Clock.systemUTC(), NanoTicker.SYSTEM, new Random(7), new SimpleMeterRegistry());
        return session;
    }

    private static RealtimeSessionSettings fast(int maxFailuresPerMinute, Duration staleAfter) {
        return new RealtimeSessionSettings(Duration.ofMillis(20), Duration.ofMillis(200), 0.2, maxFailuresPerMinute,
                staleAfter, Duration.ofMillis(25), Duration.ofSeconds(2), true);
    }

    private static String noticeFrame(String[]... records) {
        return "1|H0STCNI0|" + String.format("%03d", records.length) + "|" + NoticeSamples.encrypt(join(records));
    }

    @Test
    void subscribesWithTheHtsIdDecodesInOrderAndAnswersPingPong() {
        session(fast(100, Duration.ofMinutes(5))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
        assertThat(session.isLive()).isTrue();
        assertThat(server.subscribeFrames).hasSize(1);
        var frame = server.subscribeFrames.get(0);
        assertThat(frame.at("/header/approval_key").asText()).isEqualTo("approval-1");
        assertThat(frame.at("/header/tr_type").asText()).isEqualTo("1");
        assertThat(frame.at("/header/custtype").asText()).isEqualTo("P");
        assertThat(frame.at("/body/input/tr_id").asText()).isEqualTo("H0STCNI0");
        assertThat(frame.at("/body/input/tr_key").asText()).isEqualTo(HTS_ID);

        server.sendToAll(noticeFrame(acceptance26()));
        server.sendToAll(noticeFrame(fill26(), with(fill26(), 2, "0000002892")));
        server.sendToAll("1|H0STCNI0|001|garbled==");
        server.sendToAll(noticeFrame(with(fill26(), 2, "0000002893")));
        String ping = "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"20260709093000\"}}";
        server.sendToAll(ping);

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.notices.size() == 4);
        assertThat(listener.notices).extracting(n -> n.order().orderNo())
                .containsExactly("0000002900", "0000002891", "0000002892", "0000002893");
        assertThat(listener.notices.get(0)).isInstanceOf(AcceptanceNotice.class);
        assertThat(listener.malformed).hasSize(1);
        assertThat(listener.malformed.get(0).rawFrame()).isEqualTo("1|H0STCNI0|001|garbled==");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.pongs.contains(ping));
    }

    /**
     * Issue 21.12: a listener that stops taking (its database stalled) holds at most the delivery capacity of
     * frames in memory; what came past it is dropped, counted, and reported once the listener takes again, so that
     * it can have the gap backfilled. The socket stays live meanwhile (PINGPONG answered).
     */
    @Test
    void aStalledListenerHoldsAtMostTheDeliveryCapacityAndHearsWhatWasDropped() throws Exception {
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger dropped = new AtomicInteger();
        List<ExecutionNotice> taken = new CopyOnWriteArrayList<>();
        RealtimeListener blocking = new RealtimeListener() {
            @Override
            public void onNotices(List<ExecutionNotice> notices, String rawFrame) {
                taken.addAll(notices);
                try {
                    stalled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onNoticesDropped(long frames) {
                dropped.addAndGet((int) frames);
            }

            @Override
            public void onConnected() {
                listener.onConnected();
            }
        };
        java.util.concurrent.ThreadPoolExecutor delivery = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KisEnvironment environment = KisEnvironment.sim(URI.create("http://127.0.0.1:1"),
                URI.create("ws://127.0.0.1:" + server.port() + "/tryitout"));
        session = new KisRealtimeSession(vertx, environment, account, keys,
                fast(100, Duration.ofMinutes(5)).withDeliveryCapacity(5), blocking, delivery, new ObjectMapper(),
                Clock.systemUTC(), NanoTicker.SYSTEM, new Random(7), meters);
        try {
            session.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
            AtomicInteger mostQueued = new AtomicInteger();
            for (int i = 0; i < 50; i++) {
                server.sendToAll(noticeFrame(with(fill26(), 2, String.format("%010d", 5000 + i))));
            }
            String ping = "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"20260709093000\"}}";
            server.sendToAll(ping);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                mostQueued.accumulateAndGet(delivery.getQueue().size(), Math::max);
                return server.pongs.contains(ping);
            });
            assertThat(session.isLive()).isTrue();
            assertThat(delivery.getQueue().size()).as("frames held for the stalled listener").isLessThanOrEqualTo(6);
            assertThat(mostQueued.get()).isLessThanOrEqualTo(6);

            stalled.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> taken.size() + dropped.get() == 50);
            assertThat(taken).hasSizeBetween(1, 6);
            assertThat(meters.get("kis.ws.frames.dropped").tag("kind", "notices").counter().count())
                    .isEqualTo(dropped.get());
        } finally {
            stalled.countDown();
            delivery.shutdownNow();
        }
    }

    @Test
    void reconnectsWithBackoffResubscribesAndNeverHoldsTwoSockets() {
        session(fast(100, Duration.ofMinutes(5))).start();
        for (int round = 1; round <= 4; round++) {
            int expected = round;
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == expected);
            server.closeAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.disconnected.get() == expected);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 5);
        assertThat(server.connections.get()).isEqualTo(5);
        assertThat(server.subscribeFrames).hasSize(5)
                .allSatisfy(f -> assertThat(f.at("/body/input/tr_key").asText()).isEqualTo(HTS_ID));
        assertThat(server.maxOpenAtOnce.get()).isEqualTo(1);
        // Notices after a reconnect decrypt with the key of the new ack.
        server.sendToAll(noticeFrame(fill26()));
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.notices.size() == 1);
    }

    @Test
    void aRefusedApprovalKeyIsReplacedBeforeTheNextConnect() {
        server.onSubscribe = (ws, frame) -> {
            if (frame.at("/header/approval_key").asText().equals("approval-1")) {
                ws.writeTextMessage(FakeRealtimeServer.refusal(frame, "OPSP0011", "invalid approval(appkey) : NOT FOUND"));
            } else {
                ws.writeTextMessage(FakeRealtimeServer.ack(frame));
            }
        };
        session(fast(100, Duration.ofMinutes(5))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
        assertThat(keys.invalidated).containsExactly("approval-1");
        assertThat(server.subscribeFrames).extracting(f -> f.at("/header/approval_key").asText())
                .containsExactly("approval-1", "approval-2");
        assertThat(server.maxOpenAtOnce.get()).isEqualTo(1);
    }

    @Test
    void theBreakerCapsAttemptsPerMinuteWhenEveryConnectionIsRefused() {
        server.rejectAll = true;
        session(fast(4, Duration.ofMinutes(5))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.alarms.size() == 1);
        assertThat(session.state()).isEqualTo(KisRealtimeSession.State.BROKEN);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> server.rejected.get() == 4);
        server.rejectAll = false;
        session.restart();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
    }

    @Test
    void aRefusedReconnectIsToldUntilTheSessionIsLiveAgainAndAPlainDropIsNot() {
        session(fast(100, Duration.ofMinutes(5))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
        server.closeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 2);
        assertThat(session.refusedReconnect()).as("a drop the next connect repaired").isEmpty();

        server.rejectAll = true;
        server.closeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> session.refusedReconnect().isPresent());
        assertThat(session.isLive()).isFalse();
        assertThat(session.refusedReconnect().get()).startsWith("connect failed");
        server.rejectAll = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 3);
        assertThat(session.refusedReconnect()).isEmpty();
    }

    @Test
    void aSilentStreamIsReportedAndReplaced() {
        session(fast(100, Duration.ofMillis(300))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.stale.size() == 1);
        assertThat(listener.stale.get(0)).isGreaterThan(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections.get() >= 2);
        assertThat(server.maxOpenAtOnce.get()).isEqualTo(1);
    }

    @Test
    void registrationsAreCappedAtTheKisLimit() throws Exception {
        session(fast(100, Duration.ofMinutes(5)));
        for (int i = 0; i < 40; i++) {
            session.addSubscription("H0STCNT0", String.format("%06d", i)).toCompletionStage().toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        }
        assertThat(session.registrations().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(41);
        assertThatThrownBy(() -> session.addSubscription("H0STCNT0", "999999").toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleasedRegistrationFreesItsSlotAndIsNotRegisteredAgainAfterAReconnect() throws Exception {
        session(fast(100, Duration.ofMinutes(5))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
        session.addSubscription("H0STCNT0", "005930").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        session.addSubscription("H0STCNT0", "000660").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        session.removeSubscription("H0STCNT0", "005930").toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(session.registrations().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.subscribeFrames.stream().anyMatch(f ->
                f.at("/header/tr_type").asText().equals("2") && f.at("/body/input/tr_key").asText().equals("005930")));
        // the notice's registration is the session's own
        assertThatThrownBy(() -> session.removeSubscription("H0STCNI0", HTS_ID).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);

        int before = server.subscribeFrames.size();
        server.closeAll();
        // a reconnect writes every registration at once, in the order they were added: a 005930 would come second
        await().atMost(Duration.ofSeconds(10)).until(() -> server.subscribeFrames.size() >= before + 2);
        assertThat(server.subscribeFrames.subList(before, before + 2))
                .extracting(f -> f.at("/body/input/tr_key").asText()).containsExactly(HTS_ID, "000660");
    }

    @Test
    void tradesOfTheIntegratedStreamReachTheListenerLikeKrxOnes() throws Exception {
        server.onSubscribe = (ws, frame) -> ws.writeTextMessage(FakeRealtimeServer.ack(frame));
        session(fast(100, Duration.ofMinutes(5))).start();
        session.addSubscription("H0UNCNT0", "005930");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.subscribed.contains("H0UNCNT0|005930"));
        server.sendToAll(tradeFrame("005930", 71800).replace("H0STCNT0", "H0UNCNT0"));
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.trades.size() == 1);
        assertThat(listener.trades.get(0).price()).isEqualTo(71800);
    }

    @Test
    void aSecondSessionForTheSameAppKeyIsRefused() {
        session(fast(100, Duration.ofMinutes(5))).start();
        KisEnvironment environment = KisEnvironment.sim(URI.create("http://127.0.0.1:1"),
                URI.create("ws://127.0.0.1:" + server.port() + "/tryitout"));
        KisRealtimeSession second = new KisRealtimeSession(vertx, environment, account, keys,
                fast(100, Duration.ofMinutes(5)), listener, null, new ObjectMapper(), Clock.systemUTC(),
                NanoTicker.SYSTEM, new Random(), new SimpleMeterRegistry());
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("ws-app-key");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.connected.get() == 1);
        assertThat(server.maxOpenAtOnce.get()).isEqualTo(1);
    }

    @Test
    void theSessionThatFollowsAStoppedOneIsTheOneItsGaugesRead() {
        // a new leadership term, or a reload of the route that holds the stream, makes a new session for the key
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KisEnvironment environment = KisEnvironment.sim(URI.create("http://127.0.0.1:1"),
                URI.create("ws://127.0.0.1:" + server.port() + "/tryitout"));
        KisRealtimeSession first = new KisRealtimeSession(vertx, environment, account, keys,
                fast(100, Duration.ofMinutes(5)), listener, null, new ObjectMapper(), Clock.systemUTC(),
                NanoTicker.SYSTEM, new Random(), meters);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("kis.ws.live").gauge().value() == 1);
        first.close();
        assertThat(meters.find("kis.ws.live").gauges()).as("a stopped session is not reported").isEmpty();

        session = new KisRealtimeSession(vertx, environment, account, keys, fast(100, Duration.ofMinutes(5)),
                listener, null, new ObjectMapper(), Clock.systemUTC(), NanoTicker.SYSTEM, new Random(), meters);
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("kis.ws.live").gauge().value() == 1);
        assertThat(meters.find("kis.ws.stream.silence").gauges()).hasSize(1);
        assertThat(meters.find("kis.ws.delivery.pending").gauges()).hasSize(1);
    }

    private static String tradeFrame(String symbol, long price) {
        String[] f = new String[46];
        java.util.Arrays.fill(f, "0");
        f[0] = symbol;
        f[1] = "093354";
        f[2] = Long.toString(price);
        f[44] = "";
        return "0|H0STCNT0|001|" + String.join("^", f);
    }

    @Test
    void tradesOfAnAddedRegistrationAreDeliveredAndTheirLossIsReportedEvenIfTheNoticeNeverWentLive() throws Exception {
        server.onSubscribe = (ws, frame) -> {
            String trId = frame.at("/body/input/tr_id").asText();
            String trKey = frame.at("/body/input/tr_key").asText();
            if (trId.equals("H0STCNT0") && trKey.equals("000660")) {
                ws.writeTextMessage(FakeRealtimeServer.refusal(frame, "OPSP0008", "MAX SUBSCRIBE OVER"));
            } else if (trId.equals("H0STCNT0")) {
                ws.writeTextMessage(FakeRealtimeServer.ack(frame));
            }
            // the notice gets no answer: the session never goes live
        };
        session(fast(100, Duration.ofMinutes(5)));
        session.addSubscription("H0STCNT0", "005930");
        session.addSubscription("H0STCNT0", "010140");
        session.addSubscription("H0STCNT0", "000660");
        session.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.subscribed.size() == 2);
        assertThat(listener.subscribed).containsExactly("H0STCNT0|005930", "H0STCNT0|010140");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                session.registrations().toCompletionStage().toCompletableFuture().get() == 3);

        server.sendToAll(tradeFrame("005930", 71900));
        server.sendToAll("0|H0STCNT0|001|005930^093354^71900");
        server.sendToAll(tradeFrame("010140", 11250));
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.trades.size() == 2);
        assertThat(listener.trades).extracting(TradePrint::symbol, TradePrint::price)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("005930", 71900L),
                        org.assertj.core.groups.Tuple.tuple("010140", 11250L));
        assertThat(listener.malformed).singleElement()
                .satisfies(m -> assertThat(m.rawFrame()).isEqualTo("0|H0STCNT0|001|005930^093354^71900"));
        assertThat(session.isLive()).isFalse();

        server.closeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.disconnected.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.subscribed.size() == 4);
        assertThat(server.maxOpenAtOnce.get()).isEqualTo(1);
    }
}
