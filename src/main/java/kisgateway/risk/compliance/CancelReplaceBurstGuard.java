package kisgateway.risk.compliance;

import java.time.Instant;
import java.util.Optional;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Caps cancels and revisions per (account, symbol) in a sliding window. Bursts of withdrawn quotes are the
 * signature of spoofing and layering (art. 176), so this is the one guard that may hold back a cancel; an operator
 * who must pull orders during a burst uses the broker's own tools or waits out the window.
 */
public final class CancelReplaceBurstGuard implements PreTradeCheck {

    private final int maxRequests;
    private final SlidingWindowCounter<SymbolKey> sent;

    public CancelReplaceBurstGuard(ComplianceSettings settings) {
        this.maxRequests = settings.maxCancelReplaces();
        this.sent = new SlidingWindowCounter<>(settings.maxCancelReplaces(), settings.burstWindow(), settings.maxTrackedKeys());
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (order.original() == null) {
            return Optional.empty();
        }
        int count = sent.count(SymbolKey.of(order), context.now());
        if (count >= maxRequests) {
            return Optional.of(Finding.of(RiskRule.CANCEL_REPLACE_BURST, "limit", maxRequests, "actual", count + 1,
                    "windowSeconds", sent.window().toSeconds(), "kind", order.kind()));
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
        if (order.original() != null) {
            counter.record(SymbolKey.of(order), at);
        }
    }
}
