package kisgateway.risk.killswitch;

/**
 * The state that governs an order: the most restrictive of the global, account and strategy switches, with the
 * switch that decided it (the first, in that order, among equally restrictive ones).
 *
 * @param decidedBy null when every applicable switch is ACTIVE
 */
public record EffectiveTradingState(TradingState state, KillSwitchScope decidedBy, String reason) {
}
