package kisgateway.app.service.jobs;

import kisgateway.ops.participation.ParticipationReview;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;

/**
 * The participation review's hand on a strategy's kill switch: ACTIVE to REDUCING (persisted, audited, and the
 * resting orders that add exposure canceled, as any move to REDUCING), and back only from REDUCING, so an operator's
 * HALTED is never lifted by a review.
 */
public final class KillSwitchStrategyBrake implements ParticipationReview.StrategyBrake {

    static final String ACTOR = "participation-review";

    private final KillSwitchBoard board;

    public KillSwitchStrategyBrake(KillSwitchBoard board) {
        this.board = board;
    }

    @Override
    public void reduce(String strategyId, String reason) {
        KillSwitchScope scope = KillSwitchScope.strategy(strategyId);
        if (board.stateOf(scope) == TradingState.ACTIVE) {
            board.switchTo(scope, TradingState.REDUCING, ACTOR, reason);
        }
    }

    @Override
    public void release(String strategyId, String operator, String reason) {
        KillSwitchScope scope = KillSwitchScope.strategy(strategyId);
        if (board.stateOf(scope) == TradingState.REDUCING) {
            board.switchTo(scope, TradingState.ACTIVE, operator, reason);
        }
    }
}
