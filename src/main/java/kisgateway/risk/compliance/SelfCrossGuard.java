package kisgateway.risk.compliance;

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
 * No order that could trade against the account's own resting order on the other side of the same symbol: a
 * wash trade creates false volume (Capital Markets Act art. 176(1)) even when unintended. A buy crosses a resting
 * sell priced at or below it, a sell a resting buy at or above it; an order without a limit price (market, best,
 * mid-point, closing price) crosses any opposite resting order, and so does a resting order without one. Venues
 * are not told apart: SOR may send either side anywhere.
 */
public final class SelfCrossGuard implements PreTradeCheck {

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        BigDecimal price = context.limitPrice();
        Side opposite = order.side().opposite();
        for (WorkingOrder resting : context.workingOrders()) {
            if (resting.side() != opposite || !resting.symbol().equals(order.symbol()) || resting.remainingQuantity() == 0) {
                continue;
            }
            if (crosses(order.side(), price, resting.price())) {
                return Optional.of(Finding.of(RiskRule.SELF_CROSS, "restingOrder", resting.orderRef(),
                        "restingSide", resting.side(), "restingPrice", resting.price() == null ? "market" : resting.price(),
                        "side", order.side(), "price", price == null ? "market" : price));
            }
        }
        return Optional.empty();
    }

    private static boolean crosses(Side side, BigDecimal price, BigDecimal restingPrice) {
        if (price == null || restingPrice == null) {
            return true;
        }
        int cmp = price.compareTo(restingPrice);
        return side == Side.BUY ? cmp >= 0 : cmp <= 0;
    }

    @Override
    public boolean complianceGuard() {
        return true;
    }
}
