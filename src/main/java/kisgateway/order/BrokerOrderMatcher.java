package kisgateway.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Finds the broker's order for a local order whose send had no provable outcome. KIS has no client order id,
 * so the match is on what both sides know: symbol, side, quantity, limit price and an order time inside a
 * window around the send. It never guesses: two candidates is {@link Result.Ambiguous}, for a human.
 * Broker orders already claimed by another local order, and revisions/cancels (which carry an original
 * order number), are not candidates.
 */
public final class BrokerOrderMatcher {

    private final Duration before;
    private final Duration after;

    /**
     * @param before how long before the local send a broker order time may be (clock skew)
     * @param after  how long after the local send (KIS queueing, retries inside the timeout)
     */
    public BrokerOrderMatcher(Duration before, Duration after) {
        this.before = before;
        this.after = after;
    }

    public Result match(OrderRecord local, Instant sentAt, Collection<BrokerOrder> brokerOrders, Set<String> claimed) {
        Instant from = sentAt.minus(before);
        Instant to = sentAt.plus(after);
        List<BrokerOrder> candidates = brokerOrders.stream()
                .filter(b -> b.origOrderNo() == null || b.origOrderNo().isBlank())
                .filter(b -> !claimed.contains(b.orderNo()))
                .filter(b -> b.symbol().equals(local.symbol()))
                .filter(b -> b.side() == local.side())
                .filter(b -> b.quantity() == local.quantity())
                .filter(b -> samePrice(local, b))
                .filter(b -> !b.orderTime().isBefore(from) && !b.orderTime().isAfter(to))
                .toList();
        if (candidates.isEmpty()) {
            return new Result.None();
        }
        if (candidates.size() > 1) {
            return new Result.Ambiguous(candidates);
        }
        return new Result.Unique(candidates.get(0));
    }

    /** Market-type orders show a price of 0 at KIS; limit orders must match to the won. */
    private static boolean samePrice(OrderRecord local, BrokerOrder b) {
        if (local.price() == null || local.orderType() != null && !local.orderType().requiresPrice()) {
            return b.price() == null || b.price().signum() == 0 || local.orderType() != null && local.orderType().isMarketLike();
        }
        return b.price() != null && b.price().compareTo(local.price()) == 0;
    }

    /** What the matcher found. */
    public sealed interface Result {
        record Unique(BrokerOrder order) implements Result {
        }

        record None() implements Result {
        }

        record Ambiguous(List<BrokerOrder> candidates) implements Result {
        }
    }
}
