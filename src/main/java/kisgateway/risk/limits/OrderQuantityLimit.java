package kisgateway.risk.limits;

import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/** No single order (or revision) for more shares than the account's limit, whatever the side. */
public final class OrderQuantityLimit implements PreTradeCheck {

    private final LimitSettings settings;

    public OrderQuantityLimit(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        long limit = settings.forAccount(order.account()).maxOrderQuantity();
        if (order.quantity() > limit) {
            return Optional.of(Finding.of(RiskRule.MAX_ORDER_QUANTITY, "limit", limit, "actual", order.quantity()));
        }
        return Optional.empty();
    }
}
