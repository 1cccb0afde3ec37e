package kisgateway.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.app.db.GatewayDataSource;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.kisaccess.KisClients;
import kisgateway.kis.KisAccount;
import kisgateway.kis.OrderSide;
import kisgateway.kis.budget.AppKeyRateBudget;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.DailyExecutionQuery;
import kisgateway.kis.rest.KisPages;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderDivision;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.testing.TestConfig;

/**
 * The acceptance benchmark of the per-app-key REST budget (issue 4) against the strict simulator (issue 3): a
 * simulator in {@code REAL} env enforcing the sliding one-second window at 18 calls/s per app key (it counts every
 * EGW00201 it answers), and the adapter built by {@link KisClients#create} exactly as the gateway builds it
 * (production {@code config/} defaults, ONE {@code RateBudgetRegistry}, one {@code AccessTokenService} on a
 * {@code JdbcTokenStore} in an embedded PostgreSQL). For each app key several "routes" (threads) call at once:
 * <ul>
 *   <li>order routes: a limit buy at the lower price limit (never fills), then its cancel, both ORDER priority,
 *       at random (Poisson) moments, like strategies;</li>
 *   <li>backfill routes: inquire-daily-ccld of today to the last page, BACKFILL priority, paced;</li>
 *   <li>query routes: inquire-balance and inquire-price, QUERY priority, unpaced: they keep the budget saturated
 *       so that every order meets a queue of lower-priority calls.</li>
 * </ul>
 * Reported per run: calls per second the simulator admitted (target at least 17.5/s per key, 97 % of 18),
 * EGW00201 the simulator answered (target 0), how long ORDER calls waited for their send slot (target: one slot,
 * 1/18 s, plus a margin) and how many lower-priority grants overtook a waiting order (target: none).
 *
 * <p>The slot waits come from the budget's own {@code kis.budget.wait} timer, observed through a meter registry
 * that logs every grant in the order the budget made them (it records under the budget's lock); the
 * overtaking count is derived from that grant order. Call latencies and the simulator's counts are measured
 * outside the budget.
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.RateBudgetFloodBench \
 *     -Dbench.args="--seconds 60 --keys 1,10"
 * </pre>
 */
public final class RateBudgetFloodBench {

    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final String SYMBOL = "005930";

    private RateBudgetFloodBench() {
    }

    /** What one run does; every field is a command-line option. */
    record Plan(int seconds, int warmupSeconds, int keys, int orderRoutes, double orderCyclesPerSecond,
                int backfillRoutes, double backfillPassesPerSecond, int queryRoutes, int limit, int marginMillis,
                String args) {

        /** One slot of the budget: (one second + safety margin) / permits. */
        double slotMillis() {
            return (1000.0 + marginMillis) / 18;
        }
    }

    public static void main(String[] args) throws Exception {
        // the production level: DEBUG lines of every call (the test logback config) would measure the console
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("kisgateway"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        int seconds = intArg(args, "--seconds", 60);
        int warmup = intArg(args, "--warmup", 5);
        int orderRoutes = intArg(args, "--order-routes", 2);
        double orderCycles = doubleArg(args, "--order-cycles", 1.5);
        int backfillRoutes = intArg(args, "--backfill-routes", 2);
        double backfillPasses = doubleArg(args, "--backfill-passes", 0.5);
        int queryRoutes = intArg(args, "--query-routes", 4);
        int limit = intArg(args, "--limit", 18);
        int margin = intArg(args, "--safety-margin-ms", 10); // config/application.properties: kis.rest.safety-margin-ms
        String keyList = stringArg(args, "--keys", "1,10");
        String joined = String.join(" ", args);
        List<Result> results = new ArrayList<>();
        try (Infrastructure infra = Infrastructure.start()) {
            for (String k : keyList.split(",")) {
                Plan plan = new Plan(seconds, warmup, Integer.parseInt(k.trim()), orderRoutes, orderCycles,
                        backfillRoutes, backfillPasses, queryRoutes, limit, margin, joined);
                Result result = run(plan, infra);
                System.out.println(result.summary());
                System.out.flush();
                results.add(result);
            }
        }
        System.out.println("== RateBudgetFloodBench: all runs ==");
        for (Result r : results) {
            System.out.println("  " + r.oneLine());
        }
        System.out.flush();
        System.exit(0); // the verdicts are printed; a failing target is a finding, not a broken build
    }

    // ------------------------------------------------------------------------------------------------ one run

    static Result run(Plan plan, Infrastructure infra) throws Exception {
        String loadBefore = loadAverage();
        List<SimAccount> simAccounts = new ArrayList<>();
        long runTag = System.nanoTime() % 1_000_000;
        for (int i = 0; i < plan.keys(); i++) {
            // unique keys per run: the token store is shared, and a token of an earlier simulator is unknown here
            String key = String.format(Locale.ROOT, "PSBENCH%06d%02d%s", runTag, i, "0".repeat(21));
            simAccounts.add(new SimAccount(key, "BENCHSECRET" + key + "x".repeat(140), "bench" + i,
                    String.format(Locale.ROOT, "7%07d", i + 1)));
        }
        SimulatorSettings settings = SimulatorSettings.builder().env(KisEnv.REAL).restLimitPerSecond(plan.limit())
                .accounts(simAccounts).initialCash(10_000_000_000L).build();
        GrantLog grants = new GrantLog();
        try (KisSimulator sim = KisSimulator.start(settings)) {
            KisClients clients = KisClients.create(
                    TestConfig.load(Map.of("kis.rest-url", sim.restBaseUrl(), "kis.ws-url", sim.wsBaseUrl() + "/tryitout",
                            "kis.rest.safety-margin-ms", Integer.toString(plan.marginMillis()))),
                    new KisAccounts(simAccounts.stream().map(a -> KisAccount.of("k" + a.htsId(), a.appKey(),
                            a.appSecret(), a.htsId(), a.cano(), "01")).toList()),
                    infra.dataSource.dataSource(), grants, java.time.Clock.systemUTC(), key -> { });
            LocalDate today = sim.market().clock().nowSeoul().toLocalDate();
            List<KeyLoad> loads = new ArrayList<>();
            for (KisAccount account : clients.accounts().all()) {
                // the token first (one issuance per key), and the lower limit: a buy there never fills
                BigDecimal far = clients.inquiry().price(account, SYMBOL, CallTerms.query()).lowerLimit();
                loads.add(new KeyLoad(account, clients, clients.budgets().forAppKey(account.appKey()), far, today));
            }
            Thread.sleep(1_100); // let the set-up calls leave the one-second window: every run starts alike
            List<Thread> threads = new ArrayList<>();
            for (KeyLoad load : loads) {
                threads.addAll(load.routes(plan));
            }
            Snapshot begin = Snapshot.take(sim, loads);
            threads.forEach(Thread::start);
            Thread.sleep(plan.warmupSeconds() * 1000L);
            Snapshot start = Snapshot.take(sim, loads);
            Thread.sleep(plan.seconds() * 1000L);
            Snapshot end = Snapshot.take(sim, loads);
            String loadAfter = loadAverage();
            loads.forEach(KeyLoad::stop);
            for (Thread t : threads) {
                t.join(3_000);
            }
            threads.forEach(Thread::interrupt); // a query may wait up to its 30 s time-to-live
            for (Thread t : threads) {
                t.join(5_000);
            }
            Result result = Result.of(plan, loads, grants, start, end, loadBefore, loadAfter);
            result.egw00201InWarmup = start.simulator().values().stream().mapToLong(v -> v[1]).sum()
                    - begin.simulator().values().stream().mapToLong(v -> v[1]).sum();
            return result;
        }
    }

    /** The embedded PostgreSQL behind the token store, shared by the runs of one invocation. */
    static final class Infrastructure implements AutoCloseable {
        final EmbeddedDatabase database;
        final GatewayDataSource dataSource;

        private Infrastructure(EmbeddedDatabase database, GatewayDataSource dataSource) {
            this.database = database;
            this.dataSource = dataSource;
        }

        static Infrastructure start() {
            EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, true);
            return new Infrastructure(db, GatewayDataSource.connect(db.jdbcUrl(), db.user(), db.password(), 4,
                    new kisgateway.app.db.DatabaseTimeouts(java.time.Duration.ofSeconds(7), java.time.Duration.ofSeconds(5),
                            java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(5),
                            java.time.Duration.ofSeconds(10), java.time.Duration.ofMillis(500))));
        }

        @Override
        public void close() {
            dataSource.close();
            database.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    /** The routes of one app key and what they saw. */
    static final class KeyLoad {
        final KisAccount account;
        final KisClients clients;
        final AppKeyRateBudget budget;
        final BigDecimal farPrice;
        final LocalDate today;
        volatile boolean running = true;
        final LongAdder completed = new LongAdder();
        final LongAdder orderCalls = new LongAdder();
        final LongAdder ordersMetQueue = new LongAdder();
        /** (end nanos, latency nanos) of every ORDER call, to select those inside the window. */
        final ConcurrentLinkedQueue<long[]> orderLatencies = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        KeyLoad(KisAccount account, KisClients clients, AppKeyRateBudget budget, BigDecimal farPrice, LocalDate today) {
            this.account = account;
            this.clients = clients;
            this.budget = budget;
            this.farPrice = farPrice;
            this.today = today;
        }

        List<Thread> routes(Plan plan) {
            List<Thread> threads = new ArrayList<>();
            String who = account.alias();
            for (int i = 0; i < plan.orderRoutes(); i++) {
                threads.add(thread(who + "-order-" + i, () -> orderRoute(plan.orderCyclesPerSecond())));
            }
            for (int i = 0; i < plan.backfillRoutes(); i++) {
                threads.add(thread(who + "-backfill-" + i, () -> backfillRoute(plan.backfillPassesPerSecond())));
            }
            for (int i = 0; i < plan.queryRoutes(); i++) {
                int n = i;
                threads.add(thread(who + "-query-" + i, () -> queryRoute(n)));
            }
            return threads;
        }

        void stop() {
            running = false;
        }

        private Thread thread(String name, Runnable body) {
            Thread t = new Thread(() -> {
                while (running) {
                    try {
                        body.run();
                    } catch (RuntimeException e) {
                        if (running) {
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                        }
                    }
                }
            }, name);
            t.setDaemon(true);
            return t;
        }

        /** One strategy decision: a far limit buy, then its cancel; a random pause before the next. */
        private void orderRoute(double cyclesPerSecond) {
            pause(cyclesPerSecond);
            if (!running) {
                return;
            }
            OrderAck ack = order(() -> clients.trading().placeCashOrder(account,
                    CashOrder.limit(OrderSide.BUY, SYMBOL, 1, farPrice), CallTerms.order()));
            order(() -> clients.trading().cancelOrder(account,
                    OrderCancellation.allRemaining(ack.orgNo(), ack.orderNo(), OrderDivision.LIMIT), CallTerms.order()));
        }

        private <T> T order(java.util.function.Supplier<T> call) {
            orderCalls.increment();
            if (budget.waiting() > 0) {
                ordersMetQueue.increment();
            }
            long started = System.nanoTime();
            T answer = call.get();
            long ended = System.nanoTime();
            orderLatencies.add(new long[] {ended, ended - started});
            completed.increment();
            return answer;
        }

        /** A gap backfill: today's orders to the last page, each page one budgeted call. */
        private void backfillRoute(double passesPerSecond) {
            pause(passesPerSecond);
            KisPages<?> pages = clients.inquiry().dailyExecutions(account, DailyExecutionQuery.between(today, today),
                    CallTerms.backfill());
            while (running && pages.hasNext()) {
                pages.next();
                completed.increment();
            }
        }

        /** Reconciliation-style queries, as fast as the budget lets them through. */
        private void queryRoute(int n) {
            if ((n + ThreadLocalRandom.current().nextInt(2)) % 2 == 0) {
                KisPages<?> pages = clients.inquiry().balance(account, CallTerms.query());
                while (running && pages.hasNext()) {
                    pages.next();
                    completed.increment();
                }
            } else {
                clients.inquiry().price(account, SYMBOL, CallTerms.query());
                completed.increment();
            }
        }

        private void pause(double perSecond) {
            double seconds = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) / perSecond;
            try {
                Thread.sleep((long) (seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ grants

    /** One send slot granted by a budget: which key, which priority, how long it waited, when (nanoTime). */
    record Grant(String appKey, String priority, long waitNanos, long at) {
    }

    /**
     * A meter registry that keeps every grant of the REST budgets: {@code AppKeyRateBudget} records its
     * {@code kis.budget.wait} timer under its lock at the moment it grants a slot, so the log holds each key's
     * grants in the order the budget made them.
     */
    static final class GrantLog extends SimpleMeterRegistry {
        final ConcurrentLinkedQueue<Grant> grants = new ConcurrentLinkedQueue<>();

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (!"kis.budget.wait".equals(id.getName()) || !"rest".equals(id.getTag("budget"))) {
                return super.newTimer(id, config, pauseDetector);
            }
            String appKey = id.getTag("app_key");
            String priority = id.getTag("priority");
            return new CumulativeTimer(id, Clock.SYSTEM, config.merge(DistributionStatisticConfig.DEFAULT),
                    pauseDetector, TimeUnit.SECONDS, false) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    grants.add(new Grant(appKey, priority, unit.toNanos(amount), System.nanoTime()));
                    super.recordNonNegative(amount, unit);
                }
            };
        }

        Map<String, List<Grant>> byKey() {
            return grants.stream().collect(Collectors.groupingBy(Grant::appKey, TreeMap::new, Collectors.toList()));
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    /** Counts at one instant: simulator per key (admitted, EGW00201) and the client's completed calls. */
    record Snapshot(long at, Map<String, long[]> simulator, Map<String, Long> completed) {
        static Snapshot take(KisSimulator sim, List<KeyLoad> loads) {
            long at = System.nanoTime();
            Map<String, long[]> simulator = new TreeMap<>();
            Map<String, Long> completed = new TreeMap<>();
            for (KeyLoad load : loads) {
                String key = load.account.appKey().reveal();
                long calls = sim.stats().count(key, "restCalls");
                long refused = sim.stats().count(key, "egw00201");
                simulator.put(load.account.appKey().label(), new long[] {calls - refused, refused});
                completed.put(load.account.appKey().label(), load.completed.sum());
            }
            return new Snapshot(at, simulator, completed);
        }
    }

    record KeyFigures(String label, double admittedPerSecond, long egw00201, double completedPerSecond,
                      Map<String, Long> grantsByPriority, long[] orderWaits, long[] orderWaitsAlone, long[] orderExcess,
                      Map<Integer, Long> overtakes, long[] orderLatencies, long orderCalls, long ordersMetQueue,
                      Map<String, Long> failures, Map<String, Long> refusals) {
    }

    static final class Result {
        final Plan plan;
        final List<KeyFigures> keys;
        final String loadBefore;
        final String loadAfter;
        final double seconds;
        long egw00201InWarmup;

        private Result(Plan plan, List<KeyFigures> keys, String loadBefore, String loadAfter, double seconds) {
            this.plan = plan;
            this.keys = keys;
            this.loadBefore = loadBefore;
            this.loadAfter = loadAfter;
            this.seconds = seconds;
        }

        static Result of(Plan plan, List<KeyLoad> loads, GrantLog log, Snapshot start, Snapshot end,
                         String loadBefore, String loadAfter) {
            double seconds = (end.at() - start.at()) / (double) SECOND;
            Map<String, List<Grant>> byKey = log.byKey();
            List<KeyFigures> figures = new ArrayList<>();
            for (KeyLoad load : loads) {
                String label = load.account.appKey().label();
                long[] simStart = start.simulator().get(label);
                long[] simEnd = end.simulator().get(label);
                double admitted = (simEnd[0] - simStart[0]) / seconds;
                long egw = simEnd[1] - simStart[1];
                double completed = (end.completed().get(label) - start.completed().get(label)) / seconds;
                List<Grant> grants = byKey.getOrDefault(label, List.of());
                Map<String, Long> byPriority = new TreeMap<>();
                List<Long> waits = new ArrayList<>();
                List<Long> waitsAlone = new ArrayList<>();
                List<Long> excess = new ArrayList<>();
                long slot = (long) (plan.slotMillis() * MILLI);
                long window = SECOND + plan.marginMillis() * MILLI;
                Map<Integer, Long> overtakes = new TreeMap<>();
                for (int i = 0; i < grants.size(); i++) {
                    Grant g = grants.get(i);
                    if (g.at() - start.at() < 0 || g.at() - end.at() > 0) {
                        continue;
                    }
                    byPriority.merge(g.priority(), 1L, Long::sum);
                    if (!"ORDER".equals(g.priority())) {
                        continue;
                    }
                    waits.add(g.waitNanos());
                    // grants made while this order waited: after it was queued (at - wait), before its own
                    long queuedAt = g.at() - g.waitNanos();
                    int lower = 0;
                    int orders = 0;
                    for (int j = i - 1; j >= 0 && grants.get(j).at() - queuedAt > 0; j--) {
                        if ("ORDER".equals(grants.get(j).priority())) {
                            orders++;
                        } else {
                            lower++;
                        }
                    }
                    overtakes.merge(lower, 1L, Long::sum);
                    if (orders == 0) {
                        waitsAlone.add(g.waitNanos());
                    }
                    // other orders in the window before this grant: slots the orders took themselves
                    int ordersInWindow = 0;
                    for (int j = i - 1; j >= 0 && g.at() - grants.get(j).at() < window; j--) {
                        if ("ORDER".equals(grants.get(j).priority())) {
                            ordersInWindow++;
                        }
                    }
                    excess.add(Math.max(0, g.waitNanos() - ordersInWindow * slot));
                }
                long[] latencies = load.orderLatencies.stream()
                        .filter(l -> l[0] - start.at() >= 0 && l[0] - end.at() <= 0).mapToLong(l -> l[1]).sorted()
                        .toArray();
                Map<String, Long> failures = new TreeMap<>();
                load.failures.forEach((k, v) -> failures.put(k, v.sum()));
                Map<String, Long> refusals = new TreeMap<>();
                log.getMeters().stream()
                        .filter(m -> m.getId().getName().equals("kis.budget.refusals")
                                && "rest".equals(m.getId().getTag("budget")) && label.equals(m.getId().getTag("app_key")))
                        .forEach(m -> {
                            long n = (long) ((io.micrometer.core.instrument.Counter) m).count();
                            if (n > 0) {
                                refusals.put(m.getId().getTag("priority"), n);
                            }
                        });
                figures.add(new KeyFigures(label, admitted, egw, completed, byPriority,
                        waits.stream().mapToLong(Long::longValue).sorted().toArray(),
                        waitsAlone.stream().mapToLong(Long::longValue).sorted().toArray(),
                        excess.stream().mapToLong(Long::longValue).sorted().toArray(), overtakes, latencies,
                        load.orderCalls.sum(), load.ordersMetQueue.sum(), failures, refusals));
            }
            return new Result(plan, figures, loadBefore, loadAfter, seconds);
        }

        double slotMillis() {
            return plan.slotMillis();
        }

        /** One slot plus 10 ms for thread wake-ups on a shared 2-core machine. */
        double orderWaitTargetMillis() {
            return slotMillis() + 10;
        }

        boolean passed() {
            for (KeyFigures k : keys) {
                if (k.admittedPerSecond() < 0.97 * plan.limit() || k.egw00201() > 0
                        || overtaken(k) > 0 || millis(max(k.orderExcess())) > orderWaitTargetMillis()) {
                    return false;
                }
            }
            return true;
        }

        private static long overtaken(KeyFigures k) {
            return k.overtakes().entrySet().stream().filter(e -> e.getKey() > 0).mapToLong(Map.Entry::getValue).sum();
        }

        String summary() {
            StringBuilder out = new StringBuilder();
            String nl = System.lineSeparator();
            out.append(nl).append("== RateBudgetFloodBench: ").append(plan.keys()).append(" app key")
                    .append(plan.keys() == 1 ? "" : "s").append(", ").append(String.format(Locale.ROOT, "%.1f", seconds))
                    .append(" s measured after ").append(plan.warmupSeconds()).append(" s of warm-up ==").append(nl);
            out.append("command:    mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.RateBudgetFloodBench"
                    + " -Dbench.args=\"").append(plan.args()).append('"').append(nl);
            out.append("machine:    ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                    .append(loadBefore).append(" before, ").append(loadAfter).append(" after").append(nl);
            out.append("simulator:  env REAL, sliding one-second window of ").append(plan.limit())
                    .append(" calls per app key (EGW00201 beyond)").append(nl);
            out.append("adapter:    KisClients.create from config/ (mode sim: 18/s, ").append(plan.marginMillis())
                    .append(" ms safety margin, order TTL 2 s), one RateBudgetRegistry, AccessTokenService on"
                            + " JdbcTokenStore (embedded PostgreSQL)").append(nl);
            out.append(String.format(Locale.ROOT, "routes/key: %d order (limit buy + cancel, %.1f cycles/s each),"
                            + " %d backfill (daily-ccld to the last page, %.1f passes/s each), %d query (balance/price,"
                            + " unpaced)%n", plan.orderRoutes(), plan.orderCyclesPerSecond(), plan.backfillRoutes(),
                    plan.backfillPassesPerSecond(), plan.queryRoutes()));
            double[] admitted = keys.stream().mapToDouble(KeyFigures::admittedPerSecond).sorted().toArray();
            double total = Arrays.stream(admitted).sum();
            long egw = keys.stream().mapToLong(KeyFigures::egw00201).sum();
            out.append(String.format(Locale.ROOT, "throughput: %.2f calls/s per key admitted by the simulator"
                            + " (min %.2f, max %.2f; %.1f %% of %d; target >= %.1f)%n", median(admitted), admitted[0],
                    admitted[admitted.length - 1], 100 * median(admitted) / plan.limit(), plan.limit(),
                    0.97 * plan.limit()));
            if (keys.size() > 1) {
                out.append(String.format(Locale.ROOT, "aggregate:  %.1f calls/s over %d keys (%.2f x one key's %d/s)%n",
                        total, keys.size(), total / plan.limit(), plan.limit()));
            }
            double[] completed = keys.stream().mapToDouble(KeyFigures::completedPerSecond).sorted().toArray();
            out.append(String.format(Locale.ROOT, "completed:  %.2f calls/s per key answered to the routes (median)%n",
                    median(completed)));
            out.append("EGW00201:   ").append(egw).append(" answered by the simulator in the measured window (target 0); ")
                    .append(egw00201InWarmup).append(" during the warm-up (start-up transient, not measured)").append(nl);
            Map<String, Long> grants = new TreeMap<>();
            keys.forEach(k -> k.grantsByPriority().forEach((p, n) -> grants.merge(p, n, Long::sum)));
            out.append("grants:     ").append(grants).append(" in the window, all keys").append(nl);
            long[] waits = concat(keys.stream().map(KeyFigures::orderWaits).toList());
            long[] alone = concat(keys.stream().map(KeyFigures::orderWaitsAlone).toList());
            long[] latencies = concat(keys.stream().map(KeyFigures::orderLatencies).toList());
            out.append(String.format(Locale.ROOT, "order wait: for a send slot, ORDER priority: p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms (n=%d)%n", millis(pct(waits, 50)), millis(pct(waits, 99)), millis(max(waits)),
                    waits.length));
            out.append(String.format(Locale.ROOT, "            with no other order granted while it waited: p50 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms (n=%d)%n", millis(pct(alone, 50)), millis(pct(alone, 99)),
                    millis(max(alone)), alone.length));
            long[] excess = concat(keys.stream().map(KeyFigures::orderExcess).toList());
            out.append(String.format(Locale.ROOT, "            beyond the slots other orders took in its window (wait - m x"
                            + " %.1f ms): p50 %.1f ms, p99 %.1f ms, max %.1f ms (target max <= %.1f ms: one slot and"
                            + " 10 ms of wake-ups)%n", slotMillis(), millis(pct(excess, 50)),
                    millis(pct(excess, 99)), millis(max(excess)), orderWaitTargetMillis()));
            Map<Integer, Long> overtakes = new TreeMap<>();
            keys.forEach(k -> k.overtakes().forEach((n, c) -> overtakes.merge(n, c, Long::sum)));
            out.append("overtakes:  lower-priority grants while an order waited -> orders: ").append(overtakes)
                    .append(" (target: all at 0)").append(nl);
            long calls = keys.stream().mapToLong(KeyFigures::orderCalls).sum();
            long metQueue = keys.stream().mapToLong(KeyFigures::ordersMetQueue).sum();
            out.append(String.format(Locale.ROOT, "queue:      %.1f %% of order calls found calls already waiting for"
                    + " the budget%n", calls == 0 ? 0 : 100.0 * metQueue / calls));
            out.append(String.format(Locale.ROOT, "order call: call to answer (budget wait + HTTP): p50 %.1f ms, p99 %.1f"
                    + " ms, max %.1f ms%n", millis(pct(latencies, 50)), millis(pct(latencies, 99)), millis(max(latencies))));
            Map<String, Long> failures = new TreeMap<>();
            keys.forEach(k -> k.failures().forEach((n, c) -> failures.merge(n, c, Long::sum)));
            Map<String, Long> refusals = new TreeMap<>();
            keys.forEach(k -> k.refusals().forEach((n, c) -> refusals.merge(n, c, Long::sum)));
            out.append("failures:   ").append(failures).append(" (whole run); budget refusals by priority: ")
                    .append(refusals).append(nl);
            out.append("verdict:    ").append(passed() ? "PASS" : "FAIL").append(nl);
            return out.toString();
        }

        String oneLine() {
            double[] admitted = keys.stream().mapToDouble(KeyFigures::admittedPerSecond).sorted().toArray();
            long[] waits = concat(keys.stream().map(KeyFigures::orderWaits).toList());
            long[] excess = concat(keys.stream().map(KeyFigures::orderExcess).toList());
            long overtaken = keys.stream().mapToLong(Result::overtaken).sum();
            return String.format(Locale.ROOT, "%2d key(s), margin %d ms: %.2f calls/s/key (min %.2f, aggregate %.1f),"
                            + " EGW00201 %d (warm-up %d), order wait p50 %.1f / p99 %.1f / max %.1f ms, beyond other orders max %.1f ms,"
                            + " overtaken orders %d, load %s -> %s: %s",
                    keys.size(), plan.marginMillis(), median(admitted), admitted[0], Arrays.stream(admitted).sum(),
                    keys.stream().mapToLong(KeyFigures::egw00201).sum(), egw00201InWarmup, millis(pct(waits, 50)), millis(pct(waits, 99)),
                    millis(max(waits)), millis(max(excess)), overtaken, loadBefore, loadAfter,
                    passed() ? "PASS" : "FAIL");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static long max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    static double millis(long nanos) {
        return nanos / (double) MILLI;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static double doubleArg(String[] args, String name, double fallback) {
        return Double.parseDouble(stringArg(args, name, Double.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
