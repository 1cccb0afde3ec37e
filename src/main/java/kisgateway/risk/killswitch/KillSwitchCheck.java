package kisgateway.risk.killswitch;

import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Applies the kill switches to NEW and REPLACE requests: HALTED refuses them all; REDUCING lets through only sells
 * of shares held and not already offered by other working sells (buys, and revisions of buys, are refused: cancel
 * them instead). Cancels always pass.
 *
 * <p>While the board cannot vouch for its copy ({@link KillSwitchBoard#unknown()}), NEW and REPLACE requests are
 * refused as under HALTED, whatever the copy says: the switch that is really in force may be HALTED, and a
 * revision can raise exposure (more shares, a price nearer the market) as much as a new order. Cancels pass.
 */
public final class KillSwitchCheck implements PreTradeCheck {

    private final KillSwitchBoard board;

    public KillSwitchCheck(KillSwitchBoard board) {
        this.board = board;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        KillSwitchBoard.Unknown unknown = board.unknown();
        if (unknown != null) {
            return Optional.of(Finding.of(RiskRule.KILL_SWITCH_STATE_UNKNOWN, "since", unknown.since(),
                    "cause", unknown.cause()));
        }
        EffectiveTradingState effective = board.effectiveState(order.account(), order.strategyId());
        switch (effective.state()) {
            case HALTED:
                return Optional.of(Finding.of(RiskRule.KILL_SWITCH_HALTED, "scope", effective.decidedBy(),
                        "state", effective.state(), "reason", effective.reason()));
            case REDUCING:
                if (context.riskReducing()) {
                    return Optional.empty();
                }
                return Optional.of(Finding.of(RiskRule.KILL_SWITCH_REDUCING, "scope", effective.decidedBy(),
                        "state", effective.state(), "reason", effective.reason(), "side", order.side(),
                        "quantity", order.quantity(), "sellable", context.sellableQuantity()));
            default:
                return Optional.empty();
        }
    }
}
