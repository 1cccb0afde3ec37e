package kisgateway.bench;

import io.micrometer.core.instrument.Timer;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.GatewayApplication;
import kisgateway.app.service.reconciliation.ReconciliationService;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisFunction;
import kisgateway.order.Exchange;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.OrderOutcome;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;

/**
 * Reconciliation of a big day for one account against the strict simulator (18 calls/s per app key, EGW00201
 * beyond), with orders flowing at the same time. The day: {@code --orders} resting orders booked at the
 * simulator and the same orders in the gateway's book (ACKED with their ODNO), so the run pages through all of
 * them on both sides and finds them equal. Measured: the run's duration against the time the rate budget
 * allows for the pages it had to read (pages / 18 per second; target: within +20 %), and the wait for a send
 * slot of the orders sent meanwhile over JMS (the budget's ORDER wait timer; target: within one slot, 1/18 s).
 *
 * <pre>mvn -q -Pbench test-compile exec:exec -Dbench.main=kisgateway.bench.ReconciliationBench \
 *     -Dbench.args="--orders 10000 --order-rate 2"</pre>
 */
public final class ReconciliationBench {

    private static final String BOOK_SYMBOL = "001510";
    private static final String FLOW_SYMBOL = "010140";
    private static final double BUDGET_PER_SECOND = 18;

    public static void main(String[] args) throws Exception {
        int orders = 10_000;
        double orderRate = 2;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--order-rate" -> orderRate = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--orders N --order-rate PER_SECOND --runs N)");
            }
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("broker.embedded.vm-id", "701");
        // the gateway's durability: every database commit waits for its WAL flush, as in the default run (the
        // test configuration turns that off for throw-away data)
        overrides.put("db.embedded.durable", "true");
        // the bench starts every run itself; the timer would only add runs of its own
        overrides.put("reconcile.interval-ms", "86400000");
        overrides.put("risk.compliance.order-rate.max-orders", "1000000");
        try (GatewayApplication app = GatewayApplication.start(TestConfig.load(overrides));
             // as the demo strategy's broker user: the gateway takes an intent only from its strategy's user
             Connection jms = GatewayUnderTest.brokerConnectionAs(app, "strategy")) {
            awaitReady(app);
            KisSimulator sim = app.infrastructure().simulator().simulator();
            sim.market().freeze(true);
            KisAccount account = app.services().kis().accounts().all().iterator().next();
            KisEnvironment env = app.services().kis().environment();
            seed(app, sim, account, orders);

            ReconciliationService reconciliation = app.services().bean("reconciliation");
            Timer orderWait = app.services().meters().get("kis.budget.wait").tags("budget", "rest", "priority", "ORDER")
                    .timer();
            // the same waits less the slots other orders took while each waited: the delay the reconciliation's
            // pages (and the window) caused, the measure
            Timer orderDelay = app.services().meters().get("kis.budget.order.delay").tags("budget", "rest").timer();
            String key = account.appKey().reveal();
            for (int run = 1; run <= runs; run++) {
                Map<KisFunction, Long> before = new HashMap<>();
                for (KisFunction f : KisFunction.values()) {
                    before.put(f, sim.stats().admitted(key, env.trId(f)));
                }
                var bucketsBefore = orderWait.takeSnapshot().histogramCounts();
                var delayBucketsBefore = orderDelay.takeSnapshot().histogramCounts();
                long waitsBefore = orderWait.count();
                double waitTotalBefore = orderWait.totalTime(TimeUnit.MILLISECONDS);
                double loadBefore = load();

                AtomicBoolean flowing = new AtomicBoolean(true);
                AtomicInteger sent = new AtomicInteger();
                // the first run alone, the others with a strategy's orders flowing meanwhile
                double rate = run == 1 ? 0 : orderRate;
                Thread flow = orderFlow(jms, account.alias(), rate, flowing, sent, run, sim);
                long t0 = System.nanoTime();
                ReconciliationService.RunRecord result = reconciliation.reconcile(account.alias(), "bench");
                double seconds = (System.nanoTime() - t0) / 1e9;
                flowing.set(false);
                flow.join();

                long orderCalls = sim.stats().admitted(key, env.trId(KisFunction.CASH_BUY)) - before.get(KisFunction.CASH_BUY)
                        + sim.stats().admitted(key, env.trId(KisFunction.PRICE)) - before.get(KisFunction.PRICE);
                long pages = 0;
                StringBuilder byFunction = new StringBuilder();
                for (KisFunction f : KisFunction.values()) {
                    long n = sim.stats().admitted(key, env.trId(f)) - before.get(f);
                    if (n > 0 && f != KisFunction.CASH_BUY && f != KisFunction.PRICE) {
                        pages += n;
                        byFunction.append(' ').append(f).append('=').append(n);
                    }
                }
                double allowed = pages / BUDGET_PER_SECOND;
                long waits = orderWait.count() - waitsBefore;
                double meanWait = waits == 0 ? 0 : (orderWait.totalTime(TimeUnit.MILLISECONDS) - waitTotalBefore) / waits;
                var counts = result.result() == null ? null : result.result().counts();
                double allowedAll = (pages + orderCalls) / BUDGET_PER_SECOND;
                System.out.printf("%nrun %d (orders meanwhile at %.1f/s): %s in %.2f s; pages read %d (%s); the budget allows"
                                + " them in %.2f s: %.2fx (target <= 1.20x); with the %d order-path calls made meanwhile %.2f s:"
                                + " %.2fx; load %.2f -> %.2f%n", run, rate, result.outcome(), seconds, pages,
                        byFunction.toString().trim(), allowed, seconds / allowed, orderCalls, allowedAll, seconds / allowedAll,
                        loadBefore, load());
                System.out.printf("  breaks new %d, still open %d; counts %s%n",
                        result.result() == null ? -1 : result.result().newBreaks().size(),
                        result.result() == null ? -1 : result.result().stillOpenBreaks().size(), counts);
                if (sent.get() > 0) {
                    System.out.printf("  orders sent meanwhile %d; their (and their price look-ups') waits for a send slot:"
                                    + " %d waits, mean %.1f ms, max %.1f ms (one slot = %.1f ms);%s%n", sent.get(), waits,
                            meanWait, orderWait.max(TimeUnit.MILLISECONDS), 1000 / BUDGET_PER_SECOND,
                            shareWithin(orderWait, bucketsBefore, waits));
                    System.out.printf("  the same waits beyond the slots other orders took meanwhile (kis.budget.order.delay):"
                            + " max %.1f ms;%s%n", orderDelay.max(TimeUnit.MILLISECONDS),
                            shareWithin(orderDelay, delayBucketsBefore, waits));
                }
            }
        }
    }

    /** The share of this run's waits in each bucket of the timer: its counts now less those before the run. */
    private static String shareWithin(Timer timer, io.micrometer.core.instrument.distribution.CountAtBucket[] before,
                                      long waits) {
        var after = timer.takeSnapshot().histogramCounts();
        StringBuilder within = new StringBuilder();
        for (int b = 0; b < after.length; b++) {
            double n = after[b].count() - (b < before.length ? before[b].count() : 0);
            within.append(String.format(" <=%.0fms %.1f%%", after[b].bucket(TimeUnit.MILLISECONDS),
                    waits == 0 ? 0 : 100 * n / waits));
        }
        return within.toString();
    }

    /** The day's book on both sides: resting buys at the simulator, the same orders ACKED in the gateway. */
    private static void seed(GatewayApplication app, KisSimulator sim, KisAccount account, int count) {
        long t0 = System.nanoTime();
        long last = sim.market().quote(BOOK_SYMBOL).orElseThrow().price();
        long price = last - 20;
        String cano = account.cano().reveal();
        JdbcOrderStore store = app.services().orders();
        for (int i = 0; i < count; i++) {
            OrderOutcome booked = sim.outside().placeOrder(cano, BOOK_SYMBOL, kisgateway.sim.trading.Side.BUY,
                    OrderKind.LIMIT, 1, price);
            if (booked.reject() != null) {
                throw new IllegalStateException("the simulator refused seed order " + i + ": " + booked.reject());
            }
            OrderRecord order = store.create(new OrderIntent("seed-" + i, account.alias(), "demo", BOOK_SYMBOL, Side.BUY, 1,
                    OrderType.LIMIT, BigDecimal.valueOf(price), Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
            store.transition(order.orderId(), OrderEventType.SUBMIT, OrderChange.because("seeded by the benchmark"));
            store.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("seeded by the benchmark")
                    .brokerOrder(booked.odno(), "06010", booked.orderedAt().toInstant()));
            if ((i + 1) % 2000 == 0) {
                System.out.printf("seeded %d orders (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** A strategy's orders at a steady rate while the run pages, through the gateway's JMS intake. */
    private static Thread orderFlow(Connection jms, String account, double rate, AtomicBoolean flowing,
                                    AtomicInteger sent, int run, KisSimulator sim) {
        long price = sim.market().quote(FLOW_SYMBOL).orElseThrow().price() * 97 / 100 / 10 * 10;
        Thread t = new Thread(() -> {
            try (Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer p = s.createProducer(s.createQueue("kis.order.intents"));
                long start = System.nanoTime();
                for (int i = 0; flowing.get() && rate > 0; i++) {
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (!flowing.get()) {
                        break;
                    }
                    p.send(s.createTextMessage("""
                            {"clientOrderId":"flow-%d-%d","account":"%s","strategyId":"demo","symbol":"%s","side":"BUY",\
                            "quantity":1,"orderType":"00","price":"%d"}""".formatted(run, i, account, FLOW_SYMBOL, price)));
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException("order flow failed", e);
            }
        }, "bench-order-flow");
        t.start();
        return t;
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

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
