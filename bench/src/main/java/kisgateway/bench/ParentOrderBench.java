package kisgateway.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kisgateway.app.GatewayApplication;
import kisgateway.kis.KisFunction;
import kisgateway.order.parent.ChildOrder;
import kisgateway.order.parent.JdbcParentOrderStore;
import kisgateway.order.parent.ParentOrder;
import kisgateway.order.parent.ParentProgress;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.market.TradeTick;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;

/**
 * Parent orders (issue 22) on the simulator with its clock sped up: a TWAP of {@code --quantity} shares (default
 * 100,000) over {@code --minutes} simulated minutes (default 30) in {@code --slices} slices, then a POV of
 * {@code --pov-percent} (default 10) of the market's volume over the same length, capped at {@code --pov-quantity}
 * shares and {@code --pov-max-child} a child. For each: children sent, order-cash requests KIS admitted and EGW00201
 * refusals during the run, completion, and the average fill price against the simulated market's VWAP over the
 * parent's window (the symbol's turnover over its volume, from the simulator's own tape). Market children (01);
 * the gateway's rounds run on real time, the parent's schedule on the simulated clock.
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.ParentOrderBench \
 *     -Dbench.args="--speed 60"</pre>
 */
public final class ParentOrderBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--speed", "60", "--symbol", "001510", "--quantity", "100000",
                "--minutes", "30", "--slices", "60", "--pov-percent", "10", "--pov-quantity", "50000",
                "--pov-max-child", "5000", "--review-share", "1"));
        for (int i = 0; i < args.length; i += 2) {
            if (!o.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(args[i], args[i + 1]);
        }
        double speed = Double.parseDouble(o.get("--speed"));
        String symbol = o.get("--symbol");
        int minutes = Integer.parseInt(o.get("--minutes"));
        Map<String, String> overrides = new HashMap<>();
        overrides.put("broker.embedded.vm-id", "660");
        overrides.put("db.embedded.durable", "true");
        // a parent of 100,000 shares in children of thousands is this benchmark's set-up, not a risk breach
        overrides.put("risk.limits.max-position-quantity", "10000000");
        overrides.put("risk.limits.max-order-quantity", "100000");
        overrides.put("risk.compliance.order-rate.max-orders", "1000000");
        overrides.put("fills.silence-backfill-seconds", "3600");
        // the participation review (ops.participation.max-share, 10 % of a 5-minute bucket) would move the strategy
        // to REDUCING mid-TWAP (it does at the default: a first run paused the TWAP at 26 % of a bucket); off here,
        // unless --review-share says otherwise, to measure the algorithms themselves
        overrides.put("ops.participation.max-share", o.get("--review-share"));
        // times the gateway reads off its clock are simulated here: a time-to-live and a price's age scale with the
        // clock's speed, or a child would expire (and a price go stale) within milliseconds of real time
        overrides.put("parent-orders.child-ttl-ms", String.valueOf((long) (10_000 * speed)));
        overrides.put("orders.default-ttl-ms", String.valueOf((long) (2_000 * speed)));
        overrides.put("orders.max-ttl-ms", "86400000");
        // config/application.properties' ages (ms of the clock), scaled
        Map.of("orders.last-price-max-age-ms", 5_000, "orders.last-price-refresh-after-ms", 3_000,
                "orders.last-price-streamed-max-age-ms", 60_000, "orders.last-price-streamed-refresh-after-ms", 45_000)
                .forEach((age, ms) -> overrides.put(age, String.valueOf((long) (ms * speed))));
        overrides.put("parent-orders.min-interval-ms", "1000");
        overrides.put("parent-orders.round-period-ms", "100");
        try (GatewayApplication app = GatewayApplication.start(TestConfig.load(overrides))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.config().require("gateway.http.port");
            awaitReady(http, base);
            KisSimulator sim = app.infrastructure().simulator().simulator();
            sim.market().setSpeed(speed);
            String key = app.services().kis().accounts().require("sim").appKey().reveal();
            String orderTr = app.services().kis().environment().trId(KisFunction.CASH_BUY);
            String run = "pb" + System.currentTimeMillis() % 100000;
            System.out.printf("clock speed %.0fx, symbol %s, %d simulated minutes per parent%n", speed, symbol, minutes);
            runOne(app, http, base, sim, key, orderTr, "TWAP", run + "-twap", symbol,
                    Long.parseLong(o.get("--quantity")), minutes, "{\"type\":\"TWAP\",\"durationSeconds\":"
                            + minutes * 60 + ",\"slices\":" + o.get("--slices") + "}");
            runOne(app, http, base, sim, key, orderTr, "POV " + o.get("--pov-percent") + " %", run + "-pov", symbol,
                    Long.parseLong(o.get("--pov-quantity")), minutes, "{\"type\":\"POV\",\"durationSeconds\":"
                            + minutes * 60 + ",\"targetPercent\":\"" + o.get("--pov-percent")
                            + "\",\"maxChildQuantity\":" + o.get("--pov-max-child") + "}");
        }
    }

    private static void runOne(GatewayApplication app, HttpClient http, String base, KisSimulator sim, String key,
                               String orderTr, String label, String client, String symbol, long quantity, int minutes,
                               String algorithm) throws Exception {
        JdbcParentOrderStore store = app.services().bean("parentOrderStore");
        TradeTick before = sim.market().quote(symbol).orElseThrow();
        long admittedBefore = sim.stats().admitted(key, orderTr);
        long refusedBefore = sim.stats().count(key, "egw00201");
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .header("X-Api-Key", GatewayUnderTest.DEMO_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"intent\":\"PARENT\",\"clientOrderId\":\"" + client
                        + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\"" + symbol + "\",\"side\":\"BUY\","
                        + "\"quantity\":" + quantity + ",\"orderType\":\"01\",\"algorithm\":" + algorithm + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(label + " refused: " + r.statusCode() + " " + r.body());
        }
        ParentOrder p = store.byClientOrderId("demo", client).orElseThrow();
        long realWindow = (long) (minutes * 60_000 / sim.market().clock().speed());
        long deadline = System.nanoTime() + Duration.ofMillis(realWindow * 2 + 60_000).toNanos();
        while (!store.byId(p.parentOrderId()).orElseThrow().state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        ParentOrder end = store.byId(p.parentOrderId()).orElseThrow();
        TradeTick after = sim.market().quote(symbol).orElseThrow();
        List<ChildOrder> children = store.children(p.parentOrderId());
        ParentProgress progress = ParentProgress.of(children);
        long volume = after.volume() - before.volume();
        BigDecimal vwap = volume == 0 ? null : BigDecimal.valueOf(after.turnover() - before.turnover())
                .divide(BigDecimal.valueOf(volume), 2, RoundingMode.HALF_EVEN);
        System.out.printf("%s: %s after %.1f s real; children %d; order-cash admitted %d, EGW00201 %d; filled %d of %d "
                        + "(%.1f %%); average %s against the market's VWAP %s over the window (%s bp); market volume %d"
                        + "%n", label, end.state(), (System.nanoTime() - t0) / 1e9, children.size(),
                sim.stats().admitted(key, orderTr) - admittedBefore, sim.stats().count(key, "egw00201") - refusedBefore,
                progress.filled(), quantity, 100.0 * progress.filled() / quantity, progress.averagePrice(), vwap,
                vwap == null || progress.averagePrice() == null ? "-" : progress.averagePrice().subtract(vwap)
                        .multiply(BigDecimal.valueOf(10_000)).divide(vwap, 1, RoundingMode.HALF_EVEN), volume);
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
