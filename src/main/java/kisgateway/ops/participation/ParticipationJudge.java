package kisgateway.ops.participation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Whether one symbol's bucket is a spike, and whose. */
public final class ParticipationJudge {

    /** The gateway's executed quantity of one strategy on one account in the bucket. */
    public record Executed(String strategyId, String account, long quantity) {
    }

    private ParticipationJudge() {
    }

    public static Optional<ParticipationSpike> judge(String symbol, Instant bucketStart, Instant bucketEnd,
                                                     long marketVolume, List<Executed> executed,
                                                     ParticipationSettings settings) {
        long gateway = executed.stream().mapToLong(Executed::quantity).sum();
        if (marketVolume < settings.minMarketVolume() || gateway <= 0) {
            return Optional.empty();
        }
        // the stream may lag the fills: never more than all of it
        long market = Math.max(marketVolume, gateway);
        if ((double) gateway / market <= settings.maxShare()) {
            return Optional.empty();
        }
        java.util.Map<String, Long> byStrategy = new java.util.TreeMap<>();
        executed.forEach(e -> byStrategy.merge(e.strategyId(), e.quantity(), Long::sum));
        String top = byStrategy.entrySet().stream()
                .max(java.util.Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow().getKey();
        Executed topAccount = executed.stream().filter(e -> e.strategyId().equals(top))
                .max(java.util.Comparator.comparingLong(Executed::quantity)).orElseThrow();
        return Optional.of(new ParticipationSpike(symbol, bucketStart, bucketEnd, market, gateway, top,
                topAccount.account(), byStrategy.get(top)));
    }
}
