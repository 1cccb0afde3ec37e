package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Once today's loss (realized + unrealized) is larger than the cap, only risk-reducing orders pass: sells of shares
 * held and not already offered. A loss exactly at the cap still trades. Unknown P&amp;L counts as breached.
 */
public final class DailyLossCap implements PreTradeCheck {

    private final LimitSettings settings;

    public DailyLossCap(LimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote() || context.riskReducing()) {
            return Optional.empty();
        }
        Optional<BigDecimal> pnl = context.dailyPnl();
        if (pnl.isEmpty()) {
            return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "dailyPnl",
                    "check", RiskRule.DAILY_LOSS_CAP));
        }
        BigDecimal cap = settings.forAccount(order.account()).dailyLossCap();
        if (pnl.get().negate().compareTo(cap) > 0) {
            return Optional.of(Finding.of(RiskRule.DAILY_LOSS_CAP, "cap", cap, "dailyPnl", pnl.get(),
                    "side", order.side(), "quantity", order.quantity(), "sellable", context.sellableQuantity()));
        }
        return Optional.empty();
    }
}
