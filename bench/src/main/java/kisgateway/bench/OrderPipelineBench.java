package kisgateway.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import kisgateway.app.GatewayApplication;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisFunction;
import kisgateway.sim.KisSimulator;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;

/**
 * The whole order pipeline under a flood: intents on {@code kis.order.intents} (JMS, the strategies' way in)
 * through validation, idempotency, pre-trade risk, persist-before-send, the per-app-key rate budget and the
 * breaker to the simulator's {@code order-cash}, with the gateway's real configuration (mode sim: 18 calls/s per
 * app key, the configured safety margin) and the simulator enforcing KIS's sliding one-second window (EGW00201
 * beyond it).
 *
 * <p>Each account's strategy sends {@code --intents} limit buys, open loop, {@code --offer} times faster than the
 * budget, so the budget, not the strategy, sets the pace. Measured per account, after a warm-up: {@code --warmup}
 * intents (default 1,000) the same way for each of {@code --warmup-accounts} accounts (default 10; the measured
 * ones first), then rounds of a third of that until the compilers are quiet (at most 5 % of a round, at most
 * {@code --warmup-rounds} more rounds, default 6). At 18 orders/s one account's order path reaches the compilers'
 * thresholds only after minutes (a method called once per order needs about ten minutes to its C2 compilation), so
 * a one-account warm-up left the compilers busy for 9-20 % of the measured phase and the latency tail moved with
 * them (with 100 intents the tail doubled); ten accounts' flows run the same code ten times as often, as a gateway
 * running all day has. Then the rate at which orders reached KIS (the simulator's admitted order-cash calls, first to
 * last), every call the app key
 * made (price look-ups for the risk check included), EGW00201, the orders' end states, and the gateway's own
 * latency from intake to the HTTP request leaving without the wait for a send slot (the gateway's
 * {@code kis.order.gateway.overhead} timer, only the measured window's samples).
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.OrderPipelineBench \
 *     -Dbench.args="--intents 2000 --accounts 1,10"</pre>
 */
public final class OrderPipelineBench {

    private static final String SYMBOL = "010140";
    private static final int BUDGET_PER_SECOND = 18;

    private static final double QUIET_SHARE = 0.05;

    private final int intents;
    private final double offer;
    private final int warmup;
    private final int warmupAccounts;
    private final int warmupRounds;
    private final Map<String, String> extra;

    private OrderPipelineBench(int intents, double offer, int warmup, int warmupAccounts, int warmupRounds,
                               Map<String, String> extra) {
        this.intents = intents;
        this.offer = offer;
        this.warmup = warmup;
        this.warmupAccounts = warmupAccounts;
        this.warmupRounds = warmupRounds;
        this.extra = extra;
    }

    public static void main(String[] args) throws Exception {
        int intents = 2000;
        double offer = 1.15;
        int warmup = 1000;
        int warmupAccounts = 10;
        int warmupRounds = 6;
        List<Integer> accountCounts = List.of(1, 10);
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--intents" -> intents = Integer.parseInt(args[++i]);
                case "--offer" -> offer = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--warmup-accounts" -> warmupAccounts = Integer.parseInt(args[++i]);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
                case "--accounts" -> accountCounts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    extra.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--intents N --offer F --warmup N --warmup-accounts N --warmup-rounds N --accounts 1,10"
                        + " --set key=value)");
            }
        }
        OrderPipelineBench bench = new OrderPipelineBench(intents, offer, warmup, warmupAccounts, warmupRounds,
                extra);
        Map<Integer, Double> perAccountRate = new TreeMap<>();
        for (int accounts : accountCounts) {
            perAccountRate.put(accounts, bench.run(accounts));
        }
        if (perAccountRate.containsKey(1)) {
            double single = perAccountRate.get(1);
            perAccountRate.forEach((n, total) -> System.out.printf(
                    "scaling: %d account(s) %.2f orders/s in all = %.2fx one account%n", n, total, total / single));
        }
    }

    /** @return orders per second that reached KIS, all accounts together */
    private double run(int accountCount) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        int simAccounts = Math.max(accountCount, warmupAccounts);
        overrides.put("sim.demo-accounts", String.valueOf(simAccounts));
        overrides.put("broker.embedded.vm-id", String.valueOf(600 + accountCount));
        // the gateway's durability: every database commit waits for its WAL flush, as in the default run (the
        // test configuration turns that off for throw-away data)
        overrides.put("db.embedded.durable", "true");
        // a flood of one symbol is this benchmark's load, not market abuse: the per-symbol rate guard would deny it
        overrides.put("risk.compliance.order-rate.max-orders", "1000000");
        overrides.put("orders.events.publish-period-ms", "50");
        // the warm-up accounts that are not measured go quiet with their resting orders working (the market is
        // frozen): their streams' silence backfills would page through those orders beside the measured run
        if (simAccounts > accountCount) {
            overrides.put("fills.silence-backfill-seconds", "3600");
        }
        overrides.putAll(extra);
        System.out.printf("%n== %d account(s), %d intents each, offered at %.2fx the budget; load %.2f; overrides %s%n",
                accountCount, intents, offer, load(), extra);
        try (GatewayApplication app = GatewayApplication.start(TestConfig.load(overrides));
             // as the demo strategy's broker user: the gateway takes an intent only from its strategy's user
             Connection jms = GatewayUnderTest.brokerConnectionAs(app, "strategy")) {
            awaitReady(app);
            KisSimulator sim = app.infrastructure().simulator().simulator();
            sim.market().freeze(true);
            long last = sim.market().quote(SYMBOL).orElseThrow().price();
            long price = (long) (last * 0.97) / 10 * 10;
            List<KisAccount> warmed = new ArrayList<>(app.services().kis().accounts().all());
            List<KisAccount> accounts = new ArrayList<>(warmed.subList(0, accountCount));
            String orderTr = app.services().kis().environment().trId(KisFunction.CASH_BUY);
            System.out.printf("accounts %s (warmed up with %d), %s at %d (last %d, market frozen so nothing fills),"
                            + " order TR %s%n", accounts.stream().map(KisAccount::alias).toList(), warmed.size(), SYMBOL,
                    price, last, orderTr);

            JvmActivity warm = new JvmActivity().mark();
            int[] round = {0};
            JvmActivity.warmUntilQuiet("orders", () -> {
                int n = round[0] == 0 ? warmup : Math.max(1, warmup / 3);
                String prefix = "w" + accountCount + "r" + round[0]++;
                feed(jms, warmed, prefix, n, price, offer);
                awaitSettled(app, prefix + "-", (long) n * warmed.size(), Duration.ofSeconds(120));
            }, QUIET_SHARE, 1 + warmupRounds);
            System.out.println("warm-up: " + warm.summary());

            Map<String, Long> ordersBefore = new HashMap<>();
            Map<String, Long> callsBefore = new HashMap<>();
            Map<String, Long> refusedBefore = new HashMap<>();
            for (KisAccount a : accounts) {
                String key = a.appKey().reveal();
                ordersBefore.put(a.alias(), sim.stats().admitted(key, orderTr));
                callsBefore.put(a.alias(), admittedCalls(sim, key));
                refusedBefore.put(a.alias(), sim.stats().count(key, "egw00201"));
            }
            Timer overhead = app.services().meters().get("kis.order.gateway.overhead").timer();
            CountAtBucket[] overheadBefore = overhead.takeSnapshot().histogramCounts();
            double maxLoad = load();

            String run = "m" + accountCount;
            Map<String, AtomicLong> firstAt = new HashMap<>();
            Map<String, AtomicLong> lastAt = new HashMap<>();
            Map<String, AtomicLong> seen = new HashMap<>();
            accounts.forEach(a -> {
                seen.put(a.alias(), new AtomicLong());
                firstAt.put(a.alias(), new AtomicLong());
                lastAt.put(a.alias(), new AtomicLong());
            });
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.nanoTime();
                    for (KisAccount a : accounts) {
                        long reached = sim.stats().admitted(a.appKey().reveal(), orderTr) - ordersBefore.get(a.alias());
                        if (reached > 0) {
                            firstAt.get(a.alias()).compareAndSet(0, now);
                        }
                        if (reached > seen.get(a.alias()).get()) {
                            seen.get(a.alias()).set(reached);
                            lastAt.get(a.alias()).set(now);
                        }
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            sampler.setDaemon(true);
            sampler.start();
            HostHandOffProbe host = HostHandOffProbe.start();
            JvmActivity jvm = new JvmActivity().mark();
            feed(jms, accounts, run, intents, price, offer);
            long deadline = System.nanoTime() + Duration.ofSeconds(intents / BUDGET_PER_SECOND * 2L + 60).toNanos();
            // until every order reached KIS, or nothing more arrives (an order may end otherwise: it is reported)
            while (accounts.stream().anyMatch(a -> seen.get(a.alias()).get() < intents)
                    && accounts.stream().anyMatch(a -> System.nanoTime() - lastAt.get(a.alias()).get() < 5_000_000_000L)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                maxLoad = Math.max(maxLoad, load());
            }
            sampler.interrupt();
            host.close();
            System.out.println("measured phase: " + jvm.summary());
            awaitSettled(app, run + "-", (long) intents * accounts.size(), Duration.ofSeconds(60));

            double total = 0;
            long refusedAll = 0;
            List<Double> rates = new ArrayList<>();
            for (KisAccount a : accounts) {
                String key = a.appKey().reveal();
                long reached = sim.stats().admitted(key, orderTr) - ordersBefore.get(a.alias());
                long calls = admittedCalls(sim, key) - callsBefore.get(a.alias());
                long refused = sim.stats().count(key, "egw00201") - refusedBefore.get(a.alias());
                refusedAll += refused;
                long first = firstAt.get(a.alias()).get();
                long done = lastAt.get(a.alias()).get();
                double seconds = (done - first) / 1e9;
                double rate = (reached - 1) / seconds;
                rates.add(rate);
                total += rate;
                if (accounts.size() <= 3 || a == accounts.get(0) || a == accounts.get(accounts.size() - 1)) {
                    System.out.printf("  %-5s orders at KIS %d in %.2f s = %.2f/s (%.1f%% of %d/s); other calls of the key"
                                    + " %d (price look-ups); EGW00201 %d%n", a.alias(), reached, seconds, rate,
                            100 * rate / BUDGET_PER_SECOND, BUDGET_PER_SECOND, calls - reached, refused);
                }
            }
            rates.sort(Double::compare);
            System.out.printf("orders/s per account: min %.2f, median %.2f, max %.2f; in all %.2f/s; EGW00201 %d;"
                            + " max load average %.2f%n", rates.get(0), rates.get(rates.size() / 2),
                    rates.get(rates.size() - 1), total, refusedAll, maxLoad);
            System.out.println("end states: " + endStates(app, run + "-"));
            printOverhead(overheadBefore, overhead.takeSnapshot().histogramCounts());
            System.out.println(host.summary());
            if (Boolean.getBoolean("bench.processors")) {
                printProcessorTimes();
            }
            return total;
        }
    }

    /** Open loop: each account's strategy sends at offer x the budget, whatever the gateway does. */
    private void feed(Connection jms, List<KisAccount> accounts, String run, int count, long price, double factor)
            throws InterruptedException {
        List<Thread> feeders = new ArrayList<>();
        for (KisAccount a : accounts) {
            Thread t = new Thread(() -> {
                try {
                    Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createQueue("kis.order.intents"));
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    long start = System.nanoTime();
                    double intervalNanos = 1e9 / (BUDGET_PER_SECOND * factor);
                    for (int i = 0; i < count; i++) {
                        long due = start + (long) (i * intervalNanos);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        var m = s.createTextMessage("""
                                {"clientOrderId":"%s-%s-%d","account":"%s","strategyId":"demo","symbol":"%s",\
                                "side":"BUY","quantity":1,"orderType":"00","price":"%d","timeToLiveMs":60000}"""
                                .formatted(run, a.alias(), i, a.alias(), SYMBOL, price));
                        m.setStringProperty("account", a.alias());
                        m.setStringProperty("symbol", SYMBOL);
                        m.setStringProperty("side", "BUY");
                        p.send(m);
                    }
                    s.close();
                } catch (Exception e) {
                    throw new IllegalStateException("feeding " + a.alias() + " failed", e);
                }
            }, "feed-" + a.alias());
            t.start();
            feeders.add(t);
        }
        for (Thread t : feeders) {
            t.join();
        }
    }

    private static long admittedCalls(KisSimulator sim, String appKey) {
        @SuppressWarnings("unchecked")
        Map<String, Long> byTr = (Map<String, Long>) sim.stats().snapshot().getOrDefault(appKey, Map.of())
                .getOrDefault("admittedByTr", Map.of());
        return byTr.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until no order of the run is still on its way (INTENT_CREATED or SUBMITTED). */
    private static void awaitSettled(GatewayApplication app, String prefix, long expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = app.infrastructure().dataSource().dataSource().getConnection();
                 var st = c.prepareStatement("select count(*) filter (where state not in ('INTENT_CREATED','SUBMITTED')),"
                         + " count(*) from orders where client_order_id like ?")) {
                st.setString(1, prefix + "%");
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        System.out.println("WARNING: not every order of " + prefix + "* settled in " + timeout + ": " + endStates(app, prefix));
    }

    private static Map<String, Long> endStates(GatewayApplication app, String prefix) throws Exception {
        Map<String, Long> states = new TreeMap<>();
        try (var c = app.infrastructure().dataSource().dataSource().getConnection();
             var st = c.prepareStatement("select state, count(*) from orders where client_order_id like ? group by state")) {
            st.setString(1, prefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return states;
    }

    /** Percentiles of the measured window only: the histogram's cumulative bucket counts after minus before. */
    private static void printOverhead(CountAtBucket[] before, CountAtBucket[] after) {
        double[] bounds = new double[after.length];
        double[] counts = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            bounds[i] = after[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS);
            counts[i] = after[i].count() - (i < before.length ? before[i].count() : 0);
        }
        double n = counts[counts.length - 1];
        if (n <= 0) {
            System.out.println("gateway overhead: no samples");
            return;
        }
        System.out.printf("gateway overhead intake -> request leaving, slot wait excluded (%d orders): p50 <= %.2f ms,"
                        + " p90 <= %.2f ms, p99 <= %.2f ms, p99.9 <= %.2f ms (histogram bucket upper bounds)%n",
                (long) n, quantile(bounds, counts, 0.5), quantile(bounds, counts, 0.9), quantile(bounds, counts, 0.99),
                quantile(bounds, counts, 0.999));
        for (int i = 0; i < bounds.length; i++) {
            if (Math.abs(bounds[i] - 5.0) < 1e-9) {
                System.out.printf("gateway overhead within 5 ms (the target's bucket): %.2f %% of the orders%n",
                        100.0 * counts[i] / n);
            }
        }
    }

    private static double quantile(double[] bounds, double[] cumulative, double q) {
        double n = cumulative[cumulative.length - 1];
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= q * n) {
                return bounds[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static void awaitReady(GatewayApplication app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + app.config().require("gateway.http.port") + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway was not ready within 120 s");
    }

    /** Camel's own per-processor statistics (JMX), the slowest first: where an order's time goes. */
    private static void printProcessorTimes() throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        List<String> lines = new ArrayList<>();
        for (var name : server.queryNames(new javax.management.ObjectName("org.apache.camel:type=processors,*"), null)) {
            long done = (Long) server.getAttribute(name, "ExchangesCompleted");
            if (done == 0) {
                continue;
            }
            long mean = (Long) server.getAttribute(name, "MeanProcessingTime");
            long max = (Long) server.getAttribute(name, "MaxProcessingTime");
            lines.add(String.format("%6d ms mean %6d ms max %7d x %s/%s", mean, max, done,
                    server.getAttribute(name, "RouteId"), server.getAttribute(name, "ProcessorId")));
        }
        lines.sort(java.util.Comparator.reverseOrder());
        lines.stream().limit(25).forEach(l -> System.out.println("  processor " + l));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
