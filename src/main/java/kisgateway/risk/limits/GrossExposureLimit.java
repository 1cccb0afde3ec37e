package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * A buy may not take the account's gross exposure (positions plus working buys, in KRW) above the limit. A REPLACE
 * of a buy swaps the revised order's remaining value for the new one. Unknown exposure denies the buy.
 */
public final class GrossExposureLimit implements PreTradeCheck {

    private final LimitSettings settings;

    public GrossExposureLimit(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote() || order.side() != Side.BUY) {
            return Optional.empty();
        }
        Optional<BigDecimal> exposure = context.grossExposure();
        BigDecimal price = context.limitPrice() != null ? context.limitPrice() : context.lastPrice().orElse(null);
        if (exposure.isEmpty() || price == null) {
            return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE,
                    "input", exposure.isEmpty() ? "grossExposure" : "lastPrice", "check", RiskRule.MAX_GROSS_EXPOSURE));
        }
        BigDecimal added = price.multiply(BigDecimal.valueOf(order.quantity()));
        BigDecimal released = BigDecimal.ZERO;
        WorkingOrder original = order.original();
        if (original != null) {
            BigDecimal originalPrice = original.price() != null ? original.price() : price;
            released = originalPrice.multiply(BigDecimal.valueOf(original.remainingQuantity()));
        }
        BigDecimal projected = exposure.get().add(added).subtract(released);
        BigDecimal limit = settings.forAccount(order.account()).maxGrossExposure();
        if (projected.compareTo(limit) > 0) {
            return Optional.of(Finding.of(RiskRule.MAX_GROSS_EXPOSURE, "limit", limit, "actual", projected,
                    "current", exposure.get(), "orderValue", added, "released", released));
        }
        return Optional.empty();
    }
}
