package kisgateway.risk.compliance;

import java.time.Instant;
import java.util.Optional;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.OrderKind;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Caps new orders per (account, symbol) in a sliding window: a flood of orders in one name is a pattern the
 * exchange's market surveillance looks at under art. 176, whatever the intent. Counts orders that went out
 * ({@link #recordAccepted}), not requests that were denied.
 */
public final class OrderRateGuard implements PreTradeCheck {

    private final int maxOrders;
    private final SlidingWindowCounter<SymbolKey> sent;

    public OrderRateGuard(ComplianceSettings settings) {
        this.maxOrders = settings.maxOrders();
        this.sent = new SlidingWindowCounter<>(settings.maxOrders(), settings.orderRateWindow(), settings.maxTrackedKeys());
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (order.kind() != OrderKind.NEW) {
            return Optional.empty();
        }
        int count = sent.count(SymbolKey.of(order), context.now());
        if (count >= maxOrders) {
            return Optional.of(Finding.of(RiskRule.ORDER_RATE, "limit", maxOrders, "actual", count + 1,
                    "windowSeconds", sent.window().toSeconds()));
        }
        return Optional.empty();
    }

    @Override
    public boolean complianceGuard() {
        return true;
    }

    @Override
    public void recordAccepted(RiskOrder order, Instant at) {
        record(sent, order, at);
    }

    @Override
    public void rebuild(ConductHistory history) {
        SlidingWindowCounter<SymbolKey> rebuilt = sent.emptyCopy();
        history.requests().forEach(a -> record(rebuilt, a.request(), a.at()));
        sent.replaceWith(rebuilt);
    }

    private static void record(SlidingWindowCounter<SymbolKey> counter, RiskOrder order, Instant at) {
        if (order.kind() == OrderKind.NEW) {
            counter.record(SymbolKey.of(order), at);
        }
    }
}
