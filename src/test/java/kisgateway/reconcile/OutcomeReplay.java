package kisgateway.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderState;
import kisgateway.order.OrderStateMachine;
import kisgateway.reconcile.snapshot.LocalFill;
import kisgateway.reconcile.snapshot.LocalSnapshot;

/**
 * Applies an outcome to the local orders the way the integrator will (BEFORE_FILLS settlements, parked fills,
 * missing fills, AFTER_FILLS settlements) with the order store's rules: the real transition table, fills
 * classified PARTIAL/COMPLETE by the cumulative quantity, an illegal step recorded. Independent of the planner.
 */
final class OutcomeReplay {

    record OrderBook(OrderState state, long filled, long quantity, List<String> illegal) {
    }

    private OutcomeReplay() {
    }

    static Map<UUID, OrderBook> apply(LocalSnapshot local, ReconciliationOutcome outcome) {
        Map<UUID, OrderBook> books = new HashMap<>();
        Map<String, UUID> byNumber = new HashMap<>();
        local.orders().forEach(o -> {
            books.put(o.orderId(), new OrderBook(o.state(), o.order().filledQuantity(), o.order().quantity(),
                    new ArrayList<>()));
            o.numberKeys().forEach(n -> byNumber.put(n, o.orderId()));
        });
        outcome.externalOrders().forEach(e -> {
            books.put(e.orderId(), new OrderBook(e.initialState(), 0, e.quantity(), new ArrayList<>()));
            byNumber.put(kisgateway.reconcile.snapshot.OrderNumberKey.of(e.originalOrderNo()), e.orderId());
            e.revisionOrderNos().forEach(n -> byNumber.put(kisgateway.reconcile.snapshot.OrderNumberKey.of(n), e.orderId()));
        });
        for (Settlement s : outcome.settlements(SettlementStage.BEFORE_FILLS)) {
            event(books, s.orderId(), s.event(), 0);
            if (s.kisOrderNo() != null) {
                byNumber.put(kisgateway.reconcile.snapshot.OrderNumberKey.of(s.kisOrderNo()), s.orderId());
            }
        }
        for (LocalFill f : local.fills()) {
            if (f.parked() && byNumber.containsKey(f.orderNoKey())) {
                event(books, byNumber.get(f.orderNoKey()), OrderEventType.PARTIAL_FILL, f.quantity());
            }
        }
        for (MissingFill f : outcome.missingFills()) {
            UUID id = byNumber.get(kisgateway.reconcile.snapshot.OrderNumberKey.of(f.kisOrderNo()));
            if (id != null) {
                event(books, id, OrderEventType.PARTIAL_FILL, f.quantity());
            }
        }
        for (Settlement s : outcome.settlements(SettlementStage.AFTER_FILLS)) {
            event(books, s.orderId(), s.event(), 0);
        }
        return books;
    }

    private static void event(Map<UUID, OrderBook> books, UUID id, OrderEventType event, long fillQty) {
        OrderBook b = books.get(id);
        long filled = b.filled();
        OrderEventType effective = event;
        if (event == OrderEventType.PARTIAL_FILL) {
            filled += fillQty;
            if (filled > b.quantity()) {
                b.illegal().add("overfill");
                return;
            }
            effective = filled == b.quantity() ? OrderEventType.COMPLETE_FILL : OrderEventType.PARTIAL_FILL;
        }
        Optional<OrderState> next = OrderStateMachine.next(b.state(), effective, filled);
        if (next.isEmpty()) {
            b.illegal().add(b.state() + " x " + effective);
            return;
        }
        books.put(id, new OrderBook(next.get(), filled, b.quantity(), b.illegal()));
    }
}
