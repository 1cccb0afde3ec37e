package kisgateway.reconcile;

import java.math.BigDecimal;
import kisgateway.reconcile.snapshot.BrokerOrderRow;

/**
 * One broker order number's cumulative fills compared with the fills table: in agreement, a missing fill, or a
 * problem (kind and summary) that makes it a break.
 *
 * @param missing the fill to record, or null
 * @param problem the break kind, or null
 */
record RowFills(BrokerOrderRow row, long localQuantity, BigDecimal localValue, MissingFill missing,
                BreakKind problem, String problemSummary, Evidence evidence) {

    boolean hasProblem() {
        return problem != null;
    }
}
