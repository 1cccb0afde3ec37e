package kisgateway.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import jakarta.jms.Connection;
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
 * <p>{@code --instances N} runs N gateway processes on one database, broker and simulator instead of one gateway in
 * this JVM, the intents spread over them ({@code --via rest}, the default there, or {@code jms}); see
 * {@link OrderPipelineOnProcesses}. {@code --warmup-accounts} does not apply there: the measured accounts warm up.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.OrderPipelineBench \
 *     -Dbench.args="--intents 2000 --accounts 1,10"
 * mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.OrderPipelineBench \
 *     -Dbench.args="--intents 2000 --accounts 1,10 --instances 3"</pre>
 */
public final class OrderPipelineBench {

    static final String SYMBOL = "010140";
    static final int BUDGET_PER_SECOND = 18;

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
        int instances = 0;
        String via = "rest";
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--intents" -> intents = Integer.parseInt(args[++i]);
                case "--offer" -> offer = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--warmup-accounts" -> warmupAccounts = Integer.parseInt(args[++i]);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
                case "--accounts" -> accountCounts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--via" -> via = args[++i];
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    extra.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--intents N --offer F --warmup N --warmup-accounts N --warmup-rounds N --accounts 1,10"
                        + " --instances N --via rest|jms --set key=value)");
            }
        }
        OrderPipelineBench bench = new OrderPipelineBench(intents, offer, warmup, warmupAccounts, warmupRounds,
                extra);
        OrderPipelineOnProcesses onProcesses = instances > 0
                ? new OrderPipelineOnProcesses(instances, via, intents, offer, warmup, warmupRounds, extra) : null;
        Map<Integer, Double> perAccountRate = new TreeMap<>();
        for (int accounts : accountCounts) {
            perAccountRate.put(accounts, onProcesses != null ? onProcesses.run(accounts) : bench.run(accounts));
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
                new IntentFeeder().overJms(jms, aliases(warmed), prefix, n, price, offer);
                awaitSettled(app.infrastructure().dataSource().dataSource()::getConnection, prefix + "-",
                        (long) n * warmed.size(), Duration.ofSeconds(120));
            }, QUIET_SHARE, 1 + warmupRounds);
            System.out.println("warm-up: " + warm.summary());

            Map<String, String> appKeys = new java.util.LinkedHashMap<>();
            accounts.forEach(a -> appKeys.put(a.alias(), a.appKey().reveal()));
            KisKeyFigures figures = new KisKeyFigures(sim, appKeys);
            Timer overhead = app.services().meters().get("kis.order.gateway.overhead").timer();
            CountAtBucket[] overheadBefore = overhead.takeSnapshot().histogramCounts();
            double maxLoad = load();

            String run = "m" + accountCount;
            KisOrderSampler sampler = new KisOrderSampler(sim, orderTr, appKeys);
            HostHandOffProbe host = HostHandOffProbe.start();
            JvmActivity jvm = new JvmActivity().mark();
            new IntentFeeder().overJms(jms, aliases(accounts), run, intents, price, offer);
            maxLoad = Math.max(maxLoad, awaitOrdersAtKis(sampler, intents));
            sampler.close();
            host.close();
            System.out.println("measured phase: " + jvm.summary());
            ConnectionSource db = app.infrastructure().dataSource().dataSource()::getConnection;
            awaitSettled(db, run + "-", (long) intents * accounts.size(), Duration.ofSeconds(60));

            double total = figures.print(sampler, orderTr, maxLoad);
            System.out.println("end states: " + endStates(db, run + "-"));
            CountAtBucket[] overheadAfter = overhead.takeSnapshot().histogramCounts();
            double[] bounds = new double[overheadAfter.length];
            double[] counts = new double[overheadAfter.length];
            for (int i = 0; i < overheadAfter.length; i++) {
                bounds[i] = overheadAfter[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS);
                counts[i] = overheadAfter[i].count() - (i < overheadBefore.length ? overheadBefore[i].count() : 0);
            }
            printOverhead(bounds, counts);
            System.out.println(host.summary());
            if (Boolean.getBoolean("bench.processors")) {
                printProcessorTimes();
            }
            return total;
        }
    }

    /**
     * Until every account's orders reached KIS, or nothing more arrives for 5 s (an order may end otherwise: it is
     * reported), or twice the time the budget needs plus a minute.
     *
     * @return the highest load average seen meanwhile
     */
    static double awaitOrdersAtKis(KisOrderSampler sampler, int intents) throws InterruptedException {
        double maxLoad = load();
        long deadline = System.nanoTime() + Duration.ofSeconds(intents / BUDGET_PER_SECOND * 2L + 60).toNanos();
        while (!sampler.doneOrQuiet(intents, 5_000_000_000L) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            maxLoad = Math.max(maxLoad, load());
        }
        return maxLoad;
    }

    /** Where the orders table is read from: the gateway's pool in process, a JDBC login beside processes. */
    interface ConnectionSource {
        java.sql.Connection open() throws java.sql.SQLException;
    }

    /** Waits until no order of the run is still on its way (INTENT_CREATED or SUBMITTED). */
    static void awaitSettled(ConnectionSource db, String prefix, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = db.open();
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
        System.out.println("WARNING: not every order of " + prefix + "* settled in " + timeout + ": " + endStates(db, prefix));
    }

    static Map<String, Long> endStates(ConnectionSource db, String prefix) throws Exception {
        Map<String, Long> states = new TreeMap<>();
        try (var c = db.open();
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

    /**
     * Percentiles of the measured window only.
     *
     * @param bounds bucket upper bounds (ms), ascending
     * @param counts cumulative counts per bucket in the window (after minus before)
     */
    static void printOverhead(double[] bounds, double[] counts) {
        double n = counts.length == 0 ? 0 : counts[counts.length - 1];
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

    private static List<String> aliases(List<KisAccount> accounts) {
        return accounts.stream().map(KisAccount::alias).toList();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
