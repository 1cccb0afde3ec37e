package kisgateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kisgateway.sim.KisSimulator;

/**
 * When each account's orders reached KIS, sampled from the simulator's admitted order calls every 5 ms: the first
 * and the latest of a measured run, and how many, so a rate is taken from first to last order at KIS whoever sent
 * them (one gateway or several processes).
 */
final class KisOrderSampler implements AutoCloseable {

    private final KisSimulator sim;
    private final String orderTr;
    /** alias to app key, in the order reported */
    private final Map<String, String> appKeys;
    private final Map<String, Long> before = new LinkedHashMap<>();
    private final Map<String, Long> reached = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAt = new ConcurrentHashMap<>();
    private final Map<String, Long> lastAt = new ConcurrentHashMap<>();
    private final Thread thread;

    KisOrderSampler(KisSimulator sim, String orderTr, Map<String, String> appKeys) {
        this.sim = sim;
        this.orderTr = orderTr;
        this.appKeys = appKeys;
        appKeys.forEach((alias, key) -> {
            before.put(alias, sim.stats().admitted(key, orderTr));
            reached.put(alias, 0L);
        });
        thread = new Thread(this::sample, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            appKeys.forEach((alias, key) -> {
                long n = sim.stats().admitted(key, orderTr) - before.get(alias);
                if (n > 0) {
                    firstAt.putIfAbsent(alias, now);
                }
                if (n > reached.get(alias)) {
                    reached.put(alias, n);
                    lastAt.put(alias, now);
                }
            });
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every account has at least {@code count} orders at KIS, or none got one within the last {@code quietNanos}. */
    boolean doneOrQuiet(long count, long quietNanos) {
        long now = System.nanoTime();
        return appKeys.keySet().stream().allMatch(a -> reached.get(a) >= count)
                || appKeys.keySet().stream().noneMatch(a -> now - lastAt.getOrDefault(a, now) < quietNanos);
    }

    /** Orders of the account at KIS since the sampler started (exact, not sampled). */
    long reached(String alias) {
        return sim.stats().admitted(appKeys.get(alias), orderTr) - before.get(alias);
    }

    /** Seconds from the account's first to its latest sampled order at KIS. */
    double seconds(String alias) {
        return (lastAt.getOrDefault(alias, 0L) - firstAt.getOrDefault(alias, 0L)) / 1e9;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
