package kisgateway.cluster;

import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.stats.BusiestSecond;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderView;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.ProcessBackends;
import kisgateway.testing.RunsAlone;
import kisgateway.testing.TestConfig;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many instances, one app key: KIS's limits hold across the cluster and nothing doubles. Three gateway processes on
 * one database, broker and simulator, started at the same moment, trade one account. Strategies offer intents at
 * twice the key's budget (36 a second), over REST spread across the three and over JMS; the instance that sends
 * (the one whose {@code kis_cluster_leader} gauge reads 1) is killed (SIGKILL) twice, mid-flood and mid-request,
 * and nothing is restarted: the last instance standing must carry the cluster alone. A REST request cut off by a
 * kill is sent again, same clientOrderId, to another instance.
 *
 * <p>Judged by KIS (the simulator's own record, not the gateways'): no one-second window held more than the key's
 * 18 calls, no call was turned away (EGW00201), one access token was issued for the three, each intent made at most
 * one KIS order and the acknowledged ones exactly the one they name, the database holds every intent settled
 * (nothing left INTENT_CREATED or SUBMITTED), and after each kill the next order reached KIS within 10 s. Every
 * figure is collected before the verdict, so a failure lists all that went wrong with its numbers.
 */
@RunsAlone
class OneSenderPerAppKeyProcessTest {

    private static final String CANO = SimAccount.demo().cano();
    /** 612 KRW, tick 1: twenty price levels within the 5 % band, so price and quantity tell the intents apart. */
    private static final String SYMBOL = "001510";
    private static final int KEY_LIMIT = 18;
    private static final double OFFERED_PER_SECOND = 2.0 * KEY_LIMIT;
    private static final Duration FLOOD = Duration.ofSeconds(16);
    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    private static final int BURST = 12;
    private static final String LEADER_GAUGE = "kis_cluster_leader";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void threeInstancesOfOneAppKeyStayWithinItsLimitAndSendEachIntentOnceThroughTwoKillsOfTheSender(@TempDir Path dir)
            throws Exception {
        // cash for any length of flood: the intents' quantities grow with their number (their signatures)
        try (ProcessBackends backends = ProcessBackends.start(dir, 83,
                SimulatorSettings.builder().initialCash(100_000_000_000L));
             Connection strategy = backends.strategyConnection()) {
            KisSimulator kis = backends.kis();
            String appKey = SimAccount.demo().appKey();
            long since = System.nanoTime();
            // the flood is one symbol: the per-symbol order-rate guard (market conduct) would deny it, not the budget.
            // Three gateways, a broker, a database and KIS on two cores delay a request on its way to KIS's limiter
            // by more than the shipped 20 ms margin now and then (bench/README.md: 0.4-0.8 % EGW00201 at load 4-6);
            // 50 ms absorbs that jitter and hides nothing of what is tested here: instances adding up (3 x 17/s)
            // The position and exposure limits are lifted for the same reason as the order rate: the flood's
            // quantities grow with their number and a long run (one where takeovers are slow) would hit them.
            List<String> args = backends.fileCluster("-Drisk.compliance.order-rate.max-orders=1000000",
                    "-Drisk.limits.max-position-quantity=100000000", "-Drisk.limits.max-gross-exposure-krw=1000000000000",
                    "-Dkis.rest.safety-margin-ms=50");
            Map<Integer, Process> live = new LinkedHashMap<>();
            for (String name : List.of("a", "b", "c")) {
                int port = TestConfig.freePort();
                live.put(port, backends.launch(name, port, args));
            }
            for (int port : live.keySet()) {
                GatewayProcess.awaitHealthy(port);
            }
            System.out.printf("three instances healthy %d ms after their launch%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
            SoftAssertions verdict = new SoftAssertions();
            verdict.assertThat(kis.stats().count(appKey, "tokensIssued"))
                    .as("access tokens KIS issued for the key at the start-up of all three").isEqualTo(1);
            Map<Integer, Integer> gauges = leaderGauges(live.keySet());
            boolean gauged = gauges.values().stream().anyMatch(v -> v >= 0);
            // the instances answered, so -1 here means no instance has the gauge
            if (gauged) {
                awaitOneLeader(live.keySet(), verdict, "the start");
            } else {
                // every instance sends: the kills below take any, and the budget and the duplicates are still judged
                verdict.fail("no instance exposes the gauge %s in /q/metrics: %s", LEADER_GAUGE, gauges);
            }

            long last = kis.market().quote(SYMBOL).orElseThrow().price();
            List<Long> takeoverMs = new ArrayList<>();
            List<Long> killedAtMs = new ArrayList<>();
            try (IntentFlood flood = new IntentFlood("one-sender-", SYMBOL, last, OFFERED_PER_SECOND, strategy,
                    new ArrayList<>(live.keySet()))) {
                long floodStart = System.nanoTime();
                flood.start();
                for (int kill = 1; kill <= 2; kill++) {
                    long killAt = floodStart + FLOOD.toNanos() * kill / 3;
                    await().atMost(FLOOD.plus(TAKEOVER)).pollInterval(Duration.ofMillis(50))
                            .until(() -> System.nanoTime() - killAt >= 0);
                    int victim = sender(live.keySet(), gauged, verdict, kill);
                    // mid-request: a burst to the sender, killed once part of it is in the database
                    List<String> burst = flood.burstTo(victim, BURST);
                    awaitAnyPersisted(backends.db(), burst);
                    long killNanos = System.nanoTime();
                    killedAtMs.add(TimeUnit.NANOSECONDS.toMillis(killNanos - since));
                    Process p = live.remove(victim);
                    p.destroyForcibly();
                    p.waitFor(20, TimeUnit.SECONDS);
                    long deadNanos = System.nanoTime();
                    flood.markDead(victim);
                    takeoverMs.add(takeover(kis, flood, killNanos, deadNanos));
                    if (gauged) {
                        awaitOneLeader(live.keySet(), verdict, "kill " + kill);
                    }
                }
                await().atMost(FLOOD.plus(TAKEOVER)).pollInterval(Duration.ofMillis(50))
                        .until(() -> System.nanoTime() - floodStart >= FLOOD.toNanos());
                flood.stop();
                long floodEnd = System.nanoTime();
                flood.awaitAnswers(Duration.ofSeconds(60));
                awaitQueueDrained(backends);
                // a JMS intent a killed instance held comes back after the broker's redelivery delay, out of a
                // browser's sight: wait for every taken intent to be in the database, and settled
                Set<String> taken = flood.intents().stream().filter(i -> !i.overRest || i.answeredState != null)
                        .map(i -> i.clientOrderId).collect(java.util.stream.Collectors.toSet());
                long unsettled = awaitSettled(backends.db(), flood.prefix(), taken);

                BusiestSecond offered = kis.stats().restCallTimes(appKey).busiestSecond(since, false);
                BusiestSecond admitted = kis.stats().restCallTimes(appKey).busiestSecond(since, true);
                long refused = kis.stats().count(appKey, "egw00201");
                Map<String, String> states = states(backends.db(), flood.prefix());
                Map<String, String> orderNumbers = orderNumbers(backends.db(), flood.prefix());
                Map<String, Long> stateCounts = outcomes(backends.db(), flood.prefix());
                KisBook book = kisBook(kis, flood);
                // times in ms since the launch, so the busiest second and the refusals can be set beside the kills
                long[] refusedAtMs = java.util.Arrays.stream(kis.stats().restCallTimes(appKey).refusedSince(since))
                        .map(t -> TimeUnit.NANOSECONDS.toMillis(t - since)).limit(20).toArray();
                System.out.printf("one sender per app key (ms since the launch): flood %d-%d ms, kills at %s ms;"
                                + " busiest second from %d ms, its calls by TR %s; EGW00201 at %s ms (the first 20); REST"
                                + " attempts that failed %s%n",
                        TimeUnit.NANOSECONDS.toMillis(floodStart - since), TimeUnit.NANOSECONDS.toMillis(
                                floodEnd - since), killedAtMs, TimeUnit.NANOSECONDS.toMillis(
                                offered.startNanos() - since), kis.stats().restCallTimes(appKey).byTrId(offered.startNanos(),
                                offered.startNanos() + 1_000_000_000L, false), java.util.Arrays.toString(refusedAtMs),
                        flood.failedAttempts());
                System.out.println("one sender per app key: first failed REST attempt of each kind "
                        + flood.failureSamples());
                // an intent the broker has but no order holds: where it is says why (a dead letter carries its reason)
                try (QueueBrowser dead = backends.session().createBrowser(
                        backends.session().createQueue("DLQ.kis.order.intents"))) {
                    java.util.Enumeration<?> e = dead.getEnumeration();
                    for (int n = 0; e.hasMoreElements() && n < 10; n++) {
                        jakarta.jms.Message m = (jakarta.jms.Message) e.nextElement();
                        System.out.printf("one sender per app key: dead letter %s reason=%s route=%s%n",
                                m instanceof jakarta.jms.TextMessage t ? t.getText() : m,
                                m.getStringProperty("x_error_reason"), m.getStringProperty("x_error_route"));
                    }
                }
                states.entrySet().stream().filter(e -> e.getValue().equals("INTENT_CREATED")
                                || e.getValue().equals("SUBMITTED")).limit(10).forEach(e -> {
                    IntentFlood.Intent i = flood.byClientOrderId(e.getKey());
                    System.out.printf("one sender per app key: unsettled %s %s, over %s, %d attempts, answered %s,"
                                    + " failure %s%n", e.getKey(), e.getValue(), i == null ? "?" : i.overRest ? "REST" : "JMS",
                            i == null ? 0 : i.attempts.get(), i == null ? null : i.answeredState,
                            i == null ? null : i.failure);
                });
                System.out.printf("one sender per app key: %d intents offered, %.1f/s (%d REST, %d sent again after a"
                                + " failed attempt); KIS busiest second %d calls offered, %d admitted;"
                                + " EGW00201 %d; KIS orders %d (%d stray, %d intents with more than one); takeover"
                                + " after the kills %s ms; unsettled %d; end states (with their reject codes) %s%n",
                        flood.intents().size(), flood.offeredPerSecond(), flood.intents().stream().filter(i -> i.overRest).count(),
                        flood.retriedAfterFailure(), offered.calls(), admitted.calls(), refused, book.orders,
                        book.stray.size(), book.doubled.size(), takeoverMs, unsettled, stateCounts);

                verdict.assertThat(offered.calls()).as("calls the key offered KIS in its busiest sliding second"
                        + " (admitted %d)", admitted.calls()).isLessThanOrEqualTo(KEY_LIMIT);
                verdict.assertThat(admitted.calls()).as("calls KIS admitted in the key's busiest sliding second")
                        .isLessThanOrEqualTo(KEY_LIMIT);
                verdict.assertThat(refused).as("calls KIS turned away with EGW00201").isZero();
                verdict.assertThat(book.doubled).as("intents with more than one KIS order").isEmpty();
                verdict.assertThat(book.stray).as("KIS orders no intent of the flood asked for").isEmpty();
                verdict.assertThat(flood.failedAttempts().keySet().stream().filter(k -> !k.startsWith("HTTP")).count())
                        .as("kinds of REST attempts cut off by a kill (none: the retry after an instance died went"
                                + " untested): %s", flood.failedAttempts()).isPositive();
                verdict.assertThat(flood.intents().stream().filter(i -> i.overRest && i.answeredState == null)
                        .map(i -> i.clientOrderId + ": " + i.failure).toList())
                        .as("REST intents never answered 200").isEmpty();
                verdict.assertThat(unsettled).as("orders left INTENT_CREATED or SUBMITTED").isZero();
                // taken means: on the queue (the broker has it) or answered 200; one a strategy gave up on unanswered
                // is reported above and may rightly be nowhere
                List<String> missing = flood.intents().stream().filter(i -> !i.overRest || i.answeredState != null)
                        .map(i -> i.clientOrderId).filter(id -> !states.containsKey(id)).toList();
                verdict.assertThat(missing).as("intents taken (JMS, or REST answered 200) that no order in the"
                        + " database holds").isEmpty();
                for (var intent : flood.intents()) {
                    String state = states.get(intent.clientOrderId);
                    List<OrderView> atKis = book.byIntent.getOrDefault(intent.clientOrderId, List.of());
                    if (state == null) {
                        continue;
                    }
                    if (Set.of("ACKED", "PARTIAL_FILLED", "FILLED").contains(state)) {
                        verdict.assertThat(atKis.stream().map(OrderView::odno).toList())
                                .as("KIS orders of %s, %s (the gateway recorded ODNO %s)", intent.clientOrderId, state,
                                        orderNumbers.get(intent.clientOrderId))
                                .isEqualTo(java.util.Collections.singletonList(orderNumbers.get(intent.clientOrderId)));
                    } else if (Set.of("DENIED", "EXPIRED", "REJECTED").contains(state)) {
                        verdict.assertThat(atKis).as("KIS orders of %s, %s", intent.clientOrderId, state).isEmpty();
                    }
                }
                for (int i = 0; i < takeoverMs.size(); i++) {
                    verdict.assertThat(takeoverMs.get(i)).as("ms from kill %d to the next order a survivor sent"
                            + " (-1: none within %s)", i + 1, TAKEOVER).isBetween(0L, TAKEOVER.toMillis());
                }
            }
            verdict.assertAll();
        }
    }

    /**
     * The instance to kill: the one whose leader gauge reads 1 (waited for, up to {@link #TAKEOVER}). Without the
     * gauge anywhere (every instance sends), or with no leader found, the first still alive.
     */
    private int sender(Set<Integer> ports, boolean gauged, SoftAssertions verdict, int kill) {
        int leader = gauged ? awaitOneLeader(ports, verdict, "before kill " + kill) : -1;
        return leader > 0 ? leader : ports.iterator().next();
    }

    /**
     * Exactly one instance's gauge reads 1 within {@link #TAKEOVER} (after {@code when}), or the verdict says not.
     *
     * @return the leader's port, or -1
     */
    private int awaitOneLeader(Set<Integer> ports, SoftAssertions verdict, String when) {
        long t0 = System.nanoTime();
        List<Map<Integer, Integer>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<Integer, Integer> gauges = leaderGauges(ports);
                seen.add(gauges);
                return gauges.values().stream().filter(v -> v == 1).count() == 1;
            });
            System.out.printf("%s: one instance's %s read 1 after %d ms%n", when, LEADER_GAUGE,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return seen.get(seen.size() - 1).entrySet().stream().filter(e -> e.getValue() == 1)
                    .map(Map.Entry::getKey).findFirst().orElse(-1);
        } catch (ConditionTimeoutException e) {
            verdict.fail("within %s of %s not exactly one instance's %s read 1 (port=value; -1: no such gauge, -2: no"
                    + " answer within 2 s); the last reads: %s", TAKEOVER, when, LEADER_GAUGE,
                    seen.subList(Math.max(0, seen.size() - 3), seen.size()));
            return -1;
        }
    }

    /** Port to the leader gauge's value: -1 where the instance has no such gauge, -2 where it did not answer. */
    private Map<Integer, Integer> leaderGauges(Set<Integer> ports) {
        Map<Integer, java.util.concurrent.CompletableFuture<HttpResponse<String>>> asked = new TreeMap<>();
        for (int port : ports) {
            asked.put(port, http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> out = new TreeMap<>();
        asked.forEach((port, answer) -> {
            int value = -2;
            try {
                value = answer.get(3, TimeUnit.SECONDS).body().lines()
                        .filter(l -> l.startsWith(LEADER_GAUGE + " ") || l.startsWith(LEADER_GAUGE + "{"))
                        .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
            } catch (Exception e) {
                // not answering: -2
            }
            out.put(port, value);
        });
        return out;
    }

    /**
     * From KIS's book: ms from the kill to the first order of an intent offered after the instance was gone (so a
     * survivor sent it), or -1 if none came within {@link #TAKEOVER}.
     */
    private static long takeover(KisSimulator kis, IntentFlood flood, long killNanos, long deadNanos) {
        Instant killedAt = kis.market().clock().instantAt(killNanos);
        long[] first = {-1};
        try {
            await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (OrderView o : kis.truth().account(CANO).orders()) {
                    IntentFlood.Intent intent = flood.bySignature(o.price(), o.qty());
                    if (o.action() == OrderAction.NEW && intent != null && intent.offeredAtNanos - deadNanos > 0) {
                        long ms = Duration.between(killedAt, o.orderedAt().toInstant()).toMillis();
                        first[0] = first[0] < 0 ? ms : Math.min(first[0], ms);
                    }
                }
                return first[0] >= 0;
            });
        } catch (ConditionTimeoutException e) {
            return -1;
        }
        return first[0];
    }

    /** KIS's new orders in the symbol, by the intent whose price and quantity they carry. */
    private record KisBook(int orders, Map<String, List<OrderView>> byIntent, List<String> doubled,
                           List<OrderView> stray) {
    }

    private static KisBook kisBook(KisSimulator kis, IntentFlood flood) {
        Map<String, List<OrderView>> byIntent = new HashMap<>();
        List<OrderView> stray = new ArrayList<>();
        int orders = 0;
        for (OrderView o : kis.truth().account(CANO).orders()) {
            if (o.action() != OrderAction.NEW || !o.symbol().equals(SYMBOL)) {
                continue;
            }
            orders++;
            IntentFlood.Intent intent = flood.bySignature(o.price(), o.qty());
            if (intent == null) {
                stray.add(o);
            } else {
                byIntent.computeIfAbsent(intent.clientOrderId, k -> new ArrayList<>()).add(o);
            }
        }
        List<String> doubled = byIntent.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " x" + e.getValue().size()).toList();
        return new KisBook(orders, byIntent, doubled, stray);
    }

    private static void awaitAnyPersisted(EmbeddedDatabase db, List<String> clientOrderIds) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
                try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                     PreparedStatement ps = c.prepareStatement("select count(*) from orders where client_order_id = any(?)")) {
                    ps.setArray(1, c.createArrayOf("text", clientOrderIds.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) > 0;
                    }
                }
            });
        } catch (ConditionTimeoutException e) {
            // killed all the same: the burst was then still before the database, which is mid-request too
        }
    }

    private static void awaitQueueDrained(ProcessBackends backends) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (QueueBrowser browser = backends.session().createBrowser(backends.session().createQueue("kis.order.intents"))) {
                return !browser.getEnumeration().hasMoreElements();
            }
        });
    }

    /**
     * Orders of the flood still INTENT_CREATED or SUBMITTED once every taken intent has its order and none is, or
     * after 60 s.
     */
    private static long awaitSettled(EmbeddedDatabase db, String prefix, Set<String> taken) {
        long[] unsettled = {-1};
        try {
            // an intent that failed on a dying leader comes back on the broker's redelivery schedule (1 s doubling,
            // six attempts: the last 31 s after the first failure), which a browser of the queue does not show: the
            // wait outlasts that schedule, so a late intent is told from a lost one (which stays missing)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<String, String> states = states(db, prefix);
                unsettled[0] = states.values().stream()
                        .filter(s -> s.equals("INTENT_CREATED") || s.equals("SUBMITTED")).count();
                return unsettled[0] == 0 && states.keySet().containsAll(taken);
            });
        } catch (ConditionTimeoutException e) {
            // reported with the rest
        }
        return unsettled[0];
    }

    /** State (and reject code, if any) to how many orders of the flood ended so. */
    private static Map<String, Long> outcomes(EmbeddedDatabase db, String prefix) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select state || coalesce(' ' || reject_code, ''), count(*)"
                     + " from orders where client_order_id like ? group by 1")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Map<String, String> states(EmbeddedDatabase db, String prefix) throws Exception {
        return column(db, prefix, "state");
    }

    /** Client order id to the KIS order number (ODNO) the gateway recorded. */
    private static Map<String, String> orderNumbers(EmbeddedDatabase db, String prefix) throws Exception {
        return column(db, prefix, "kis_order_no");
    }

    private static Map<String, String> column(EmbeddedDatabase db, String prefix, String column) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("select client_order_id, " + column
                     + " from orders where client_order_id like ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
