package kisgateway.risk.killswitch;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kill switches an operator may move: GLOBAL, or one of the configured accounts or strategies, named exactly.
 * A switch for any other key would be stored and reported as HALTED while guarding nothing (a halt of
 * {@code ACCOUNT/SIM} left account {@code sim} trading), so it is refused with the keys that do exist.
 */
public final class KillSwitchKeys {

    private final Set<String> accounts;
    private final Set<String> strategies;

    public KillSwitchKeys(Set<String> accounts, Set<String> strategies) {
        this.accounts = Set.copyOf(accounts);
        this.strategies = Set.copyOf(strategies);
    }

    /** @throws UnknownKillSwitch for a scope or key this gateway does not have */
    public KillSwitchScope scope(String scope, String key) {
        ScopeKind kind = kind(scope);
        return switch (kind) {
            case GLOBAL -> {
                if (!KillSwitchScope.GLOBAL_KEY.equals(key)) {
                    throw new UnknownKillSwitch("the GLOBAL kill switch has the key *, not '" + shown(key) + "'");
                }
                yield KillSwitchScope.global();
            }
            case ACCOUNT -> KillSwitchScope.account(known(key, accounts, "account"));
            case STRATEGY -> KillSwitchScope.strategy(known(key, strategies, "strategy"));
        };
    }

    private static ScopeKind kind(String scope) {
        if (scope != null) {
            for (ScopeKind k : ScopeKind.values()) {
                // the scope is a word of the URL; its case carries no meaning, unlike a key's
                if (k.name().equals(scope.toUpperCase(Locale.ROOT))) {
                    return k;
                }
            }
        }
        throw new UnknownKillSwitch("the scope must be GLOBAL, ACCOUNT or STRATEGY, not '" + shown(scope) + "'");
    }

    private static String known(String key, Set<String> known, String what) {
        if (key == null || !known.contains(key)) {
            throw new UnknownKillSwitch("'" + shown(key) + "' is not " + (what.startsWith("a") ? "an " : "a ") + what
                    + " of this gateway (" + what
                    + (known.size() == 1 ? " " : "s ") + String.join(", ", new TreeSet<>(known)) + ")");
        }
        return key;
    }

    private static String shown(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(64).forEach(c -> sb.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return s.length() > 64 ? sb + "..." : sb.toString();
    }

    /** A kill switch that does not exist on this gateway (HTTP 400). */
    public static final class UnknownKillSwitch extends IllegalArgumentException {
        public UnknownKillSwitch(String message) {
            super(message);
        }
    }
}
