package kisgateway.fill;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The inferred fills of one order number that late notices can still take shares from, oldest first. A late
 * notice takes from them until it is covered or they are used up; whatever it does not find there is new. A
 * plan is worked out before it is taken, so a notice refused afterwards (an overfill) takes nothing.
 */
final class OpenInferredFills {

    /** One inferred fill and the shares it still stands for. */
    static final class Open {
        private final String fillId;
        private final BigDecimal price;
        private long counted;

        Open(String fillId, BigDecimal price, long counted) {
            this.fillId = fillId;
            this.price = price;
            this.counted = counted;
        }

        String fillId() {
            return fillId;
        }

        BigDecimal price() {
            return price;
        }

        long counted() {
            return counted;
        }
    }

    /** Shares a notice takes from one inferred fill. */
    record Take(Open from, long quantity, long remaining) {

        FillCorrection correction() {
            return new FillCorrection(from.fillId(), quantity, remaining);
        }
    }

    private final List<Open> fills = new ArrayList<>();

    /** Inferred fills are added oldest first. */
    void add(String fillId, BigDecimal price, long counted) {
        if (counted > 0) {
            fills.add(new Open(fillId, price, counted));
        }
    }

    /** What a notice of {@code quantity} would take, oldest first; nothing changes until {@link #take}. */
    List<Take> plan(long quantity) {
        List<Take> takes = new ArrayList<>();
        long left = quantity;
        for (Open o : fills) {
            if (left == 0) {
                break;
            }
            long q = Math.min(left, o.counted);
            if (q > 0) {
                takes.add(new Take(o, q, o.counted - q));
                left -= q;
            }
        }
        return takes;
    }

    void take(List<Take> takes) {
        for (Take t : takes) {
            if (t.from().counted != t.quantity() + t.remaining()) {
                throw new IllegalStateException("plan for " + t.from().fillId() + " is stale");
            }
            t.from().counted = t.remaining();
        }
    }

    static long taken(List<Take> takes) {
        long sum = 0;
        for (Take t : takes) {
            sum += t.quantity();
        }
        return sum;
    }
}
