package kisgateway.risk.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * Flags a quote that keeps coming back: the same side, price and quantity placed and withdrawn (cancelled or
 * revised away) N times within the window, then placed again. That repetition is how layering and spoofing look
 * from the outside (art. 176), so the next placement is refused and a human reviews it. A withdrawal is keyed by
 * the open quantity at the time; market-type quotes carry no price and are not tracked.
 */
public final class QuotePatternGuard implements PreTradeCheck {

    record QuoteKey(String account, String symbol, Side side, BigDecimal price, long quantity) {

        static QuoteKey of(String account, String symbol, Side side, BigDecimal price, long quantity) {
            // 10000 and 10000.00 are the same quote
            return new QuoteKey(account, symbol, side, price.stripTrailingZeros(), quantity);
        }
    }

    private final int maxCycles;
    private final SlidingWindowCounter<QuoteKey> withdrawals;

    public QuotePatternGuard(ComplianceSettings settings) {
        this.maxCycles = settings.maxQuoteCycles();
        this.withdrawals = new SlidingWindowCounter<>(settings.maxQuoteCycles(), settings.quotePatternWindow(),
                settings.maxTrackedKeys());
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        BigDecimal price = order.placesQuote() ? context.limitPrice() : null;
        if (price == null) {
            return Optional.empty();
        }
        QuoteKey key = QuoteKey.of(order.account(), order.symbol(), order.side(), price, order.quantity());
        int cycles = withdrawals.count(key, context.now());
        if (cycles >= maxCycles) {
            return Optional.of(Finding.of(RiskRule.QUOTE_PATTERN, "limit", maxCycles, "cycles", cycles,
                    "windowSeconds", withdrawals.window().toSeconds(), "side", order.side(), "price", price,
                    "quantity", order.quantity()));
        }
        return Optional.empty();
    }

    @Override
    public boolean complianceGuard() {
        return true;
    }

    @Override
    public void recordAccepted(RiskOrder order, Instant at) {
        record(withdrawals, order, at);
    }

    @Override
    public void rebuild(ConductHistory history) {
        SlidingWindowCounter<QuoteKey> rebuilt = withdrawals.emptyCopy();
        history.requests().forEach(a -> record(rebuilt, a.request(), a.at()));
        withdrawals.replaceWith(rebuilt);
    }

    private static void record(SlidingWindowCounter<QuoteKey> counter, RiskOrder order, Instant at) {
        WorkingOrder withdrawn = order.original();
        if (withdrawn != null && withdrawn.price() != null && withdrawn.price().signum() > 0) {
            counter.record(QuoteKey.of(order.account(), withdrawn.symbol(), withdrawn.side(), withdrawn.price(),
                    withdrawn.remainingQuantity()), at);
        }
    }
}
