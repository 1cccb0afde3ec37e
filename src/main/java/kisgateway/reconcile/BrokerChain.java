package kisgateway.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import kisgateway.order.OrderState;
import kisgateway.reconcile.snapshot.BrokerOrderRow;

/**
 * One order as the broker sees it: the new-order row and every revision and cancel row linked to it by
 * ORGN_ODNO. Revisions move shares to a new number (the original keeps what filled before), cancels take shares
 * away, so over the chain: order quantity = filled + remaining + cancelled + rejected (+ what the exchange let
 * lapse, e.g. an IOC remainder).
 *
 * @param rows       sorted by order number
 * @param orphan     the new-order row is not in today's rows (the chain starts at a revision or cancel)
 * @param conflicting a number was listed twice with different figures (a page read while data changed)
 */
record BrokerChain(BrokerOrderRow root, List<BrokerOrderRow> rows, boolean orphan, boolean conflicting) {

    static final Comparator<BrokerOrderRow> BY_NUMBER = Comparator.comparing(BrokerOrderRow::orderNoKey);

    BrokerChain {
        rows = rows.stream().sorted(BY_NUMBER).toList();
    }

    String rootKey() {
        return root.orderNoKey();
    }

    /** The subject of breaks about this broker order when no local order owns it. */
    String subject() {
        return "odno:" + root.orderNo();
    }

    Set<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(r.orderNoKey()));
        return keys;
    }

    List<BrokerOrderRow> liveRows() {
        return rows.stream().filter(r -> !r.cancelled()).toList();
    }

    List<BrokerOrderRow> revisions() {
        return rows.stream().filter(r -> !r.cancelled() && !r.orderNoKey().equals(root.orderNoKey())).toList();
    }

    List<BrokerOrderRow> cancels() {
        return rows.stream().filter(BrokerOrderRow::cancelled).toList();
    }

    /** The row that carries the order now: the newest revision, or the new-order row. */
    BrokerOrderRow current() {
        List<BrokerOrderRow> live = liveRows();
        return live.isEmpty() ? root : live.get(live.size() - 1);
    }

    long quantity() {
        return root.quantity();
    }

    long filled() {
        return liveRows().stream().mapToLong(BrokerOrderRow::filledQuantity).sum();
    }

    BigDecimal filledValue() {
        return liveRows().stream().map(BrokerOrderRow::filledValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** null when nothing filled */
    BigDecimal avgFillPrice() {
        long filled = filled();
        return filled == 0 ? null : filledValue().divide(BigDecimal.valueOf(filled), 4, RoundingMode.HALF_UP);
    }

    long remaining() {
        return liveRows().stream().mapToLong(BrokerOrderRow::remainingQuantity).sum();
    }

    long rejected() {
        return liveRows().stream().mapToLong(BrokerOrderRow::rejectedQuantity).sum();
    }

    long cancelledQuantity() {
        return cancels().stream().mapToLong(BrokerOrderRow::quantity).sum();
    }

    /** What the broker's own figures leave unexplained: positive when shares lapsed, negative never legitimately. */
    long unaccounted() {
        return quantity() - filled() - remaining() - cancelledQuantity() - rejected();
    }

    /** The order's true state at the broker. */
    OrderState state() {
        long filled = filled();
        if (remaining() > 0) {
            return filled > 0 ? OrderState.PARTIAL_FILLED : OrderState.ACKED;
        }
        if (filled >= quantity()) {
            return OrderState.FILLED;
        }
        if (filled == 0 && rejected() > 0 && cancels().isEmpty()) {
            return OrderState.REJECTED;
        }
        return OrderState.CANCELED;
    }

    /** The broker side of the evidence. */
    void describe(Evidence.Builder e) {
        e.broker("state", state())
                .broker("orderNo", root.orderNo())
                .broker("orderNumbers", String.join(",", rows.stream().map(BrokerOrderRow::orderNo).toList()))
                .broker("symbol", root.symbol())
                .broker("side", root.side())
                .broker("quantity", quantity())
                .broker("price", current().price())
                .broker("orderTime", root.orderTime())
                .broker("filled", filled())
                .broker("avgFillPrice", avgFillPrice())
                .broker("remaining", remaining())
                .broker("cancelled", cancelledQuantity())
                .broker("rejected", rejected());
    }
}
