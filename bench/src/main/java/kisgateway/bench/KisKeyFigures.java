package kisgateway.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.stats.BusiestSecond;

/**
 * What KIS (the simulator) saw of each app key over a measured run: its orders per second as a share of the key's
 * budget, its other calls, the EGW00201 it answered, and the busiest sliding second of calls offered and admitted,
 * which no counter shows (several senders of one key each within 18 a second can offer KIS more in one).
 */
final class KisKeyFigures {

    private final KisSimulator sim;
    /** alias to app key, in the order reported */
    private final Map<String, String> appKeys;
    private final Map<String, Long> callsBefore = new HashMap<>();
    private final Map<String, Long> refusedBefore = new HashMap<>();
    private final long startNanos = System.nanoTime();

    KisKeyFigures(KisSimulator sim, Map<String, String> appKeys) {
        this.sim = sim;
        this.appKeys = appKeys;
        appKeys.forEach((alias, key) -> {
            callsBefore.put(alias, admittedCalls(key));
            refusedBefore.put(alias, sim.stats().count(key, "egw00201"));
        });
    }

    /** Prints one line per account (the first and last of many) and a summary. @return orders/s of all accounts */
    double print(KisOrderSampler orders, String orderTr, double maxLoad) {
        int budget = OrderPipelineBench.BUDGET_PER_SECOND;
        double total = 0;
        long refusedAll = 0;
        int busiestOffered = 0;
        int busiestAdmitted = 0;
        List<Double> rates = new ArrayList<>();
        List<String> aliases = new ArrayList<>(appKeys.keySet());
        for (String alias : aliases) {
            String key = appKeys.get(alias);
            long reached = orders.reached(alias);
            long calls = admittedCalls(key) - callsBefore.get(alias);
            long refused = sim.stats().count(key, "egw00201") - refusedBefore.get(alias);
            BusiestSecond offered = sim.stats().restCallTimes(key).busiestSecond(startNanos, false);
            BusiestSecond admitted = sim.stats().restCallTimes(key).busiestSecond(startNanos, true);
            busiestOffered = Math.max(busiestOffered, offered.calls());
            busiestAdmitted = Math.max(busiestAdmitted, admitted.calls());
            refusedAll += refused;
            double seconds = orders.seconds(alias);
            double rate = seconds > 0 ? (reached - 1) / seconds : 0;
            rates.add(rate);
            total += rate;
            if (aliases.size() <= 3 || alias.equals(aliases.get(0)) || alias.equals(aliases.get(aliases.size() - 1))) {
                System.out.printf("  %-5s orders at KIS %d in %.2f s = %.2f/s (%.1f%% of %d/s); other calls of the key"
                                + " %d (price look-ups); EGW00201 %d; busiest second %d calls offered, %d admitted%n",
                        alias, reached, seconds, rate, 100 * rate / budget, budget, calls - reached, refused,
                        offered.calls(), admitted.calls());
            }
        }
        rates.sort(Double::compare);
        System.out.printf("orders/s per account: min %.2f, median %.2f, max %.2f (%.1f%% of %d/s at the median);"
                        + " in all %.2f/s; EGW00201 %d; busiest second of any key %d offered, %d admitted;"
                        + " max load average %.2f%n", rates.get(0), rates.get(rates.size() / 2),
                rates.get(rates.size() - 1), 100 * rates.get(rates.size() / 2) / budget, budget, total, refusedAll,
                busiestOffered, busiestAdmitted, maxLoad);
        return total;
    }

    private long admittedCalls(String appKey) {
        @SuppressWarnings("unchecked")
        Map<String, Long> byTr = (Map<String, Long>) sim.stats().snapshot().getOrDefault(appKey, Map.of())
                .getOrDefault("admittedByTr", Map.of());
        return byTr.values().stream().mapToLong(Long::longValue).sum();
    }
}
