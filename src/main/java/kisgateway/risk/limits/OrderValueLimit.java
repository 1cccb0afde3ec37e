package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * No single order worth more than the account's limit: quantity x limit price, or x last price for market-type
 * orders (whose fill price the exchange sets). A market-type order without a known last price is refused: its
 * value cannot be bounded.
 */
public final class OrderValueLimit implements PreTradeCheck {

    private final LimitSettings settings;

    public OrderValueLimit(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        BigDecimal limitPrice = context.limitPrice();
        BigDecimal price = limitPrice != null ? limitPrice : context.lastPrice().orElse(null);
        if (price == null) {
            return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "lastPrice",
                    "symbol", order.symbol(), "check", RiskRule.MAX_ORDER_VALUE));
        }
        BigDecimal value = price.multiply(BigDecimal.valueOf(order.quantity()));
        BigDecimal limit = settings.forAccount(order.account()).maxOrderValue();
        if (value.compareTo(limit) > 0) {
            return Optional.of(Finding.of(RiskRule.MAX_ORDER_VALUE, "limit", limit, "actual", value,
                    "quantity", order.quantity(), "price", price,
                    "priceSource", limitPrice != null ? "limit" : "lastPrice"));
        }
        return Optional.empty();
    }
}
