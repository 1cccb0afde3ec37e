package kisgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import kisgateway.app.GatewayApplication;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisFunction;
import kisgateway.sim.KisSimulator;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;

/**
 * A kill switch that acts, timed: {@code --orders} limit buys (default 200) resting on one account and so one app key
 * (the market frozen, nothing fills), then the account's switch moved to HALTED over REST, and the time from the move
 * (the PUT sent) to the last of those orders CANCELED in the gateway's books. The cancels share the app key's budget
 * (sim mode: 18 calls/s, the simulator enforcing KIS's one-second window); the target is {@code orders / 18 + 1} s.
 * Also printed: the cancel requests KIS admitted and EGW00201 refusals during the run.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.KillSwitchCancelBench \
 *     -Dbench.args="--orders 200"</pre>
 */
public final class KillSwitchCancelBench {

    private static final int BUDGET_PER_SECOND = 18;
    private static final String[] SYMBOLS = {"005930", "000660", "035420", "005380"};
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        int orders = 200;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--orders")) {
                orders = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + " (--orders N)");
            }
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("broker.embedded.vm-id", "650");
        // the gateway's durability: every commit waits for its WAL flush, as in the default run
        overrides.put("db.embedded.durable", "true");
        // hundreds of resting orders on a few symbols are this benchmark's set-up, not market abuse
        overrides.put("risk.compliance.order-rate.max-orders", "1000000");
        overrides.put("fills.silence-backfill-seconds", "3600");
        try (GatewayApplication app = GatewayApplication.start(TestConfig.load(overrides))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.config().require("gateway.http.port");
            awaitReady(http, base);
            KisSimulator sim = app.infrastructure().simulator().simulator();
            sim.market().freeze(true);
            String run = "ks" + System.currentTimeMillis() % 100000;
            long placing = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                String symbol = SYMBOLS[i % SYMBOLS.length];
                long last = sim.market().quote(symbol).orElseThrow().price();
                long price = last - (2 + (i / SYMBOLS.length) % 10) * GatewayUnderTest.tick(last);
                // one share each: 200 resting buys of up to ~200,000 KRW stay within the demo account's 100 M KRW
                long qty = 1;
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                        .header("X-Api-Key", GatewayUnderTest.DEMO_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"clientOrderId\":\"" + run + "-" + i
                                + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\"" + symbol
                                + "\",\"side\":\"BUY\",\"quantity\":" + qty + ",\"orderType\":\"00\",\"price\":\""
                                + price + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains("\"ACKED\"")) {
                    throw new IllegalStateException("order " + i + " did not rest: " + r.statusCode() + " " + r.body());
                }
            }
            System.out.printf("%d orders resting on account sim after %d ms%n", orders,
                    (System.nanoTime() - placing) / 1_000_000);
            // a full window of budget back before the move, as after a quiet second
            Thread.sleep(1_100);
            KisAccount account = app.services().kis().accounts().require("sim");
            String key = account.appKey().reveal();
            String cancelTr = app.services().kis().environment().trId(KisFunction.REVISE_CANCEL);
            long cancelsBefore = sim.stats().admitted(key, cancelTr);
            long refusedBefore = sim.stats().count(key, "egw00201");

            long t0 = System.nanoTime();
            HttpResponse<String> move = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/admin/trading-states/ACCOUNT/sim")).header("Authorization", OPERATOR)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"state\":\"HALTED\",\"reason\":\"benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (move.statusCode() != 200) {
                throw new IllegalStateException("the switch did not move: " + move.body());
            }
            long first = 0;
            long deadline = t0 + Duration.ofSeconds(orders / BUDGET_PER_SECOND * 3L + 30).toNanos();
            long canceled = 0;
            while (canceled < orders && System.nanoTime() < deadline) {
                canceled = canceled(app, run);
                if (canceled > 0 && first == 0) {
                    first = System.nanoTime();
                }
                Thread.sleep(5);
            }
            long lastAt = System.nanoTime();
            double seconds = (lastAt - t0) / 1e9;
            double target = (double) orders / BUDGET_PER_SECOND + 1;
            System.out.printf("HALTED -> first resting order canceled after %d ms, last (%d of %d) after %.2f s; "
                            + "target <= %.2f s: %s%n", first == 0 ? -1 : (first - t0) / 1_000_000, canceled, orders,
                    seconds, target, canceled == orders && seconds <= target ? "met" : "NOT met");
            System.out.printf("cancels admitted by KIS %d (%.1f/s), EGW00201 %d, load %.2f%n",
                    sim.stats().admitted(key, cancelTr) - cancelsBefore,
                    (sim.stats().admitted(key, cancelTr) - cancelsBefore) / seconds,
                    sim.stats().count(key, "egw00201") - refusedBefore,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long canceled(GatewayApplication app, String run) throws Exception {
        try (var c = app.infrastructure().dataSource().dataSource().getConnection();
             var ps = c.prepareStatement("select count(*) from orders where client_order_id like ? and state = 'CANCELED'")) {
            ps.setString(1, run + "-%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitReady(HttpClient http, String base) throws Exception {
        URI ready = URI.create(base + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway did not become ready");
    }
}
