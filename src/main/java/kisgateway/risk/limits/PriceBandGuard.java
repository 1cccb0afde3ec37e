package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Fat-finger guard: a limit price (either side) must lie within ±N % of the last price. Exactly N % away is
 * allowed. Market-type orders have no price to compare; their size is bounded by {@link OrderValueLimit} at the
 * last price instead.
 */
public final class PriceBandGuard implements PreTradeCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PriceBandSettings settings;

    public PriceBandGuard(PriceBandSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        BigDecimal price = order.placesQuote() ? context.limitPrice() : null;
        if (price == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> last = context.lastPrice();
        if (last.isEmpty() || last.get().signum() <= 0) {
            return settings.allowLimitOrdersWithoutLastPrice()
                    ? Optional.empty()
                    : Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "lastPrice",
                            "symbol", order.symbol(), "check", RiskRule.PRICE_BAND));
        }
        BigDecimal distance = price.subtract(last.get()).abs();
        // |price - last| * 100 <= pct * last, without dividing
        if (distance.multiply(HUNDRED).compareTo(settings.maxDeviationPercent().multiply(last.get())) <= 0) {
            return Optional.empty();
        }
        BigDecimal deviation = distance.multiply(HUNDRED).divide(last.get(), 4, RoundingMode.HALF_UP);
        return Optional.of(Finding.of(RiskRule.PRICE_BAND, "price", price, "lastPrice", last.get(),
                "deviationPercent", deviation, "limitPercent", settings.maxDeviationPercent()));
    }
}
