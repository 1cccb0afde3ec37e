package kisgateway.query;

import java.time.Instant;
import java.util.List;
import kisgateway.order.OrderRecord;

/**
 * One page of open orders, oldest first (creation time, then id), read in one transaction with the account's
 * reconciliation mark.
 *
 * @param next   where the next page starts; null when this page is the last
 * @param readAt the database's time of the read
 */
public record OpenOrdersPage(List<OrderRecord> orders, OrderCursor next, Instant readAt, ReconciliationMark reconciliation) {

    public OpenOrdersPage {
        orders = List.copyOf(orders);
    }
}
