package kisgateway.order.parent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a parent's children add up to: filled, still working (or possibly so), and planned but not yet an order.
 * Everything not filled and not working is free to go into later slices (a cancelled, expired or refused child).
 */
public record ParentProgress(long filled, long working, long unsent, int children, int refused,
                             BigDecimal averagePrice) {

    public static ParentProgress of(List<ChildOrder> children) {
        long filled = 0;
        long working = 0;
        long unsent = 0;
        int refused = 0;
        BigDecimal notional = BigDecimal.ZERO;
        for (ChildOrder c : children) {
            filled += c.filledQuantity();
            if (c.avgFillPrice() != null && c.filledQuantity() > 0) {
                notional = notional.add(c.avgFillPrice().multiply(BigDecimal.valueOf(c.filledQuantity())));
            }
            if (!c.sent()) {
                unsent += c.plannedQuantity();
            } else if (c.working()) {
                working += c.remainingQuantity();
            }
            if (c.refused()) {
                refused++;
            }
        }
        BigDecimal avg = filled == 0 ? null : notional.divide(BigDecimal.valueOf(filled), 4, RoundingMode.HALF_EVEN);
        return new ParentProgress(filled, working, unsent, children.size(), refused, avg);
    }

    /** Shares filled, working or about to be sent: what the schedule counts as done. */
    public long committed() {
        return filled + working + unsent;
    }

    public boolean quiet() {
        return working == 0 && unsent == 0;
    }
}
