package kisgateway.risk.limits;

import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;
import kisgateway.risk.Side;

/**
 * A buy may not take the holding in its symbol above the limit if it and every other working buy of the symbol
 * filled completely: working buys count because they may fill before this one is even acknowledged. A REPLACE
 * counts its new quantity instead of the revised order's. Sells only shrink a cash account's holding.
 */
public final class PositionLimit implements PreTradeCheck {

    private final LimitSettings settings;

    public PositionLimit(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote() || order.side() != Side.BUY) {
            return Optional.empty();
        }
        long limit = settings.forAccount(order.account()).maxPositionQuantity();
        long position = context.position();
        long workingBuys = context.workingQuantity(Side.BUY);
        long projected = position + workingBuys + order.quantity();
        if (projected > limit) {
            return Optional.of(Finding.of(RiskRule.MAX_POSITION, "limit", limit, "actual", projected,
                    "position", position, "workingBuys", workingBuys, "quantity", order.quantity()));
        }
        return Optional.empty();
    }
}
