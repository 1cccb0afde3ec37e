package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A parent order's algorithm and its parameters, validated by {@link ParentIntentParser}.
 *
 * @param slices           TWAP: the schedule's slices (0 for the others)
 * @param targetShare      POV: the share of the market's volume, 0 &lt; share &lt;= the gateway's maximum (null for the others)
 * @param maxChildQuantity POV, LIMIT-SWEEP: most shares in one child (0: no cap)
 */
public record ParentAlgorithm(AlgorithmKind kind, Instant start, Instant end, int slices, BigDecimal targetShare,
                              long maxChildQuantity) {

    public ParentAlgorithm {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the end must be after the start");
        }
    }

    public Duration window() {
        return Duration.between(start, end);
    }

    /** TWAP: the time between two slices. */
    public Duration interval() {
        return slices < 1 ? window() : window().dividedBy(slices);
    }
}
