package kisgateway.risk.killswitch;

/** What a kill switch covers; the names match {@code trading_states.scope}. */
public enum ScopeKind {
    GLOBAL,
    ACCOUNT,
    STRATEGY
}
