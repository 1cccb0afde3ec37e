package kisgateway.bench;

import jakarta.jms.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisFunction;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.ProcessBackends;
import kisgateway.testing.TestConfig;

/**
 * {@link OrderPipelineBench} with {@code --instances N}: N gateway processes (each with a budget of its own, as in
 * production, where contexts in one JVM would not be) on one PostgreSQL (durable), Artemis and simulator in this
 * JVM, trading the same accounts, leader election by a lock file. The strategies send each account's intents over
 * REST to the instances in turn ({@code --via rest}, the default) or on the JMS queue they all may consume
 * ({@code --via jms}). Reported as in process, per app key: orders/s at KIS as a share of the key's budget, EGW00201,
 * the busiest sliding second KIS saw (calls offered and admitted), and the gateways' overhead summed over the
 * instances' {@code /q/metrics}. The warm-up runs its rounds without the JIT check: the compilers are the
 * processes', out of this JVM's sight.
 */
final class OrderPipelineOnProcesses {

    private static final String OVERHEAD_BUCKET = "kis_order_gateway_overhead_seconds_bucket{";

    private final int instances;
    private final String via;
    private final int intents;
    private final double offer;
    private final int warmup;
    private final int warmupRounds;
    private final Map<String, String> extra;
    private final HttpClient http = HttpClient.newHttpClient();

    OrderPipelineOnProcesses(int instances, String via, int intents, double offer, int warmup, int warmupRounds,
                             Map<String, String> extra) {
        if (!via.equals("rest") && !via.equals("jms")) {
            throw new IllegalArgumentException("--via must be rest or jms, not " + via);
        }
        this.instances = instances;
        this.via = via;
        this.intents = intents;
        this.offer = offer;
        this.warmup = warmup;
        this.warmupRounds = warmupRounds;
        this.extra = extra;
    }

    /** @return orders per second that reached KIS, all accounts together */
    double run(int accountCount) throws Exception {
        List<SimAccount> accounts = IntStream.rangeClosed(1, accountCount).mapToObj(SimAccount::demo).toList();
        List<String> aliases = IntStream.range(0, accountCount).mapToObj(GatewayProcess::alias).toList();
        Path dir = Files.createTempDirectory("order-pipeline-" + instances + "x" + accountCount + "-");
        System.out.printf("%n== %d instance(s) as processes, %d account(s), %d intents each over %s, offered at %.2fx"
                        + " the budget; load %.2f; overrides %s; logs under %s%n", instances, accountCount, intents,
                via.toUpperCase(), offer, OrderPipelineBench.load(), extra, dir);
        try (ProcessBackends backends = ProcessBackends.start(dir, 700 + accountCount,
                SimulatorSettings.builder().accounts(accounts), true);
             Connection jms = backends.strategyConnection()) {
            KisSimulator sim = backends.kis();
            List<String> args = backends.fileCluster(
                    // a flood of one symbol is this benchmark's load, not market abuse
                    "-Drisk.compliance.order-rate.max-orders=1000000");
            String logging = System.getProperty("logback.configurationFile");
            if (logging != null) {
                // the gateways log as shipped (bench.logging), not at the test classpath's DEBUG
                args.add("-Dlogback.configurationFile=" + logging);
            }
            extra.forEach((k, v) -> args.add("-D" + k + "=" + v));
            List<Integer> ports = new ArrayList<>();
            long launched = System.nanoTime();
            for (int i = 0; i < instances; i++) {
                int port = TestConfig.freePort();
                ports.add(port);
                backends.launch("gateway-" + (i + 1), port, accounts, args);
            }
            for (int port : ports) {
                awaitHealthy(port);
                System.out.printf("instance on port %d healthy %.1f s after the launch%n", port,
                        (System.nanoTime() - launched) / 1e9);
            }
            System.out.println(leaderGauges(ports));
            long last = sim.market().quote(OrderPipelineBench.SYMBOL).orElseThrow().price();
            long price = (long) (last * 0.97) / 10 * 10;
            String orderTr = KisEnvironment.sim(URI.create(sim.restBaseUrl()), URI.create(sim.wsBaseUrl()))
                    .trId(KisFunction.CASH_BUY);
            OrderPipelineBench.ConnectionSource db = () -> java.sql.DriverManager.getConnection(
                    backends.db().jdbcUrl(), backends.db().user(), backends.db().password());

            for (int round = 0; round <= warmupRounds && warmup > 0; round++) {
                int n = round == 0 ? warmup : Math.max(1, warmup / 3);
                String prefix = "w" + accountCount + "r" + round;
                long t0 = System.nanoTime();
                IntentFeeder feeder = feed(jms, ports, aliases, prefix, n, price);
                Map<String, Integer> answers = feeder.restAnswers(Duration.ofSeconds(60));
                OrderPipelineBench.awaitSettled(db, prefix + "-", (long) n * accountCount - feeder.restNotAccepted(),
                        Duration.ofSeconds(120));
                System.out.printf("warm-up round %d: %d intents per account in %.1f s; REST answers %s%n", round + 1, n,
                        (System.nanoTime() - t0) / 1e9, answers);
            }

            Map<String, String> appKeys = new LinkedHashMap<>();
            for (int i = 0; i < accountCount; i++) {
                appKeys.put(aliases.get(i), accounts.get(i).appKey());
            }
            KisKeyFigures figures = new KisKeyFigures(sim, appKeys);
            TreeMap<Double, Double> overheadBefore = overheadBuckets(ports);
            String run = "m" + accountCount;
            KisOrderSampler sampler = new KisOrderSampler(sim, orderTr, appKeys);
            HostHandOffProbe host = HostHandOffProbe.start();
            IntentFeeder feeder = feed(jms, ports, aliases, run, intents, price);
            double maxLoad = OrderPipelineBench.awaitOrdersAtKis(sampler, intents);
            sampler.close();
            host.close();
            Map<String, Integer> answers = feeder.restAnswers(Duration.ofSeconds(60));
            // an intent REST did not take is not in the database: not waited for
            OrderPipelineBench.awaitSettled(db, run + "-", (long) intents * accountCount - feeder.restNotAccepted(),
                    Duration.ofSeconds(60));

            double total = figures.print(sampler, orderTr, maxLoad);
            System.out.println("end states: " + OrderPipelineBench.endStates(db, run + "-"));
            if (via.equals("rest")) {
                System.out.println("REST answers: " + answers);
            }
            TreeMap<Double, Double> overheadAfter = overheadBuckets(ports);
            double[] bounds = overheadAfter.keySet().stream().mapToDouble(le -> le * 1000).toArray();
            double[] counts = overheadAfter.entrySet().stream()
                    .mapToDouble(e -> e.getValue() - overheadBefore.getOrDefault(e.getKey(), 0.0)).toArray();
            System.out.print("summed over the instances: ");
            OrderPipelineBench.printOverhead(bounds, counts);
            System.out.println(host.summary());
            System.out.println("at the end: " + leaderGauges(ports));
            return total;
        }
    }

    /**
     * Longer than the tests wait: several instances of ten accounts starting at once on two cores have been seen to
     * need a token KIS throttled (EGW00133), a minute's wait (bench/README.md).
     */
    private void awaitHealthy(int port) throws Exception {
        URI health = URI.create("http://127.0.0.1:" + port + "/q/health");
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway on port " + port + " was not healthy within 240 s");
    }

    private IntentFeeder feed(Connection jms, List<Integer> ports, List<String> aliases, String run, int count,
                              long price) throws InterruptedException {
        IntentFeeder feeder = new IntentFeeder();
        if (via.equals("rest")) {
            feeder.overRest(ports, aliases, run, count, price, offer);
        } else {
            feeder.overJms(jms, aliases, run, count, price, offer);
        }
        return feeder;
    }

    /**
     * The overhead histogram's cumulative counts by upper bound (s), summed over the instances' Prometheus pages
     * (+Inf included: its count is the number of samples).
     */
    private TreeMap<Double, Double> overheadBuckets(List<Integer> ports) throws Exception {
        TreeMap<Double, Double> sum = new TreeMap<>();
        for (int port : ports) {
            for (String line : metrics(port).lines().filter(l -> l.startsWith(OVERHEAD_BUCKET)).toList()) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                sum.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return sum;
    }

    /** Which instance leads the sending, by the gateways' kis_cluster_leader gauge (absent: every instance sends). */
    private String leaderGauges(List<Integer> ports) throws Exception {
        Map<Integer, String> out = new TreeMap<>();
        for (int port : ports) {
            out.put(port, metrics(port).lines()
                    .filter(l -> l.startsWith("kis_cluster_leader ") || l.startsWith("kis_cluster_leader{"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("absent"));
        }
        return "kis_cluster_leader by port " + out;
    }

    private String metrics(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
