package kisgateway.risk.killswitch;

import java.util.Objects;

/**
 * One kill switch: the whole desk, one account alias, or one strategy id.
 *
 * @param key the account alias or strategy id; "*" for GLOBAL ({@code trading_states.scope_key})
 */
public record KillSwitchScope(ScopeKind kind, String key) {

    public static final String GLOBAL_KEY = "*";

    public KillSwitchScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("kill switch key must not be blank");
        }
        if ((kind == ScopeKind.GLOBAL) != key.equals(GLOBAL_KEY)) {
            throw new IllegalArgumentException("the key '*' is GLOBAL's, and only GLOBAL's");
        }
    }

    public static KillSwitchScope global() {
        return new KillSwitchScope(ScopeKind.GLOBAL, GLOBAL_KEY);
    }

    public static KillSwitchScope account(String alias) {
        return new KillSwitchScope(ScopeKind.ACCOUNT, alias);
    }

    public static KillSwitchScope strategy(String strategyId) {
        return new KillSwitchScope(ScopeKind.STRATEGY, strategyId);
    }

    @Override
    public String toString() {
        return kind + ":" + key;
    }
}
