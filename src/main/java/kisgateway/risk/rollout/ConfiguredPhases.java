package kisgateway.risk.rollout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The first phase of every account and of the strategies given one, from {@code rollout.*}: {@code
 * rollout.account.<alias>.phase}, {@code rollout.account.<alias>.strategy.<id>.phase}, and in sim and paper mode
 * {@code rollout.default-phase} for an account without its own. Live mode has no default: trading real money in
 * a phase nobody chose is refused at start, naming the account.
 */
public final class ConfiguredPhases {

    private ConfiguredPhases() {
    }

    /**
     * @param properties the {@code rollout.*} properties, keys in full
     * @throws IllegalArgumentException naming the key or the account that is wrong
     */
    public static Map<RolloutScope, RolloutPhase> from(Map<String, String> properties, String mode, Set<String> accounts,
                                                        Set<String> strategies, BiPredicate<String, String> strategyTrades) {
        Map<RolloutScope, RolloutPhase> out = new HashMap<>();
        Set<String> used = new HashSet<>();
        String fallbackValue = properties.getOrDefault("rollout.default-phase", "").trim();
        RolloutPhase fallback = null;
        if (!fallbackValue.isEmpty() && !mode.equals("live")) {
            fallback = phase("rollout.default-phase", fallbackValue);
        }
        Set<String> unconfigured = new TreeSet<>();
        for (String account : accounts) {
            String key = "rollout.account." + account + ".phase";
            String value = properties.getOrDefault(key, "").trim();
            used.add(key);
            if (!value.isEmpty()) {
                out.put(RolloutScope.account(account), phase(key, value));
            } else if (fallback != null) {
                out.put(RolloutScope.account(account), fallback);
            } else {
                unconfigured.add(account);
            }
            for (String strategy : strategies) {
                String strategyKey = "rollout.account." + account + ".strategy." + strategy + ".phase";
                String strategyValue = properties.getOrDefault(strategyKey, "").trim();
                used.add(strategyKey);
                if (strategyValue.isEmpty()) {
                    continue;
                }
                if (!strategyTrades.test(strategy, account)) {
                    throw new IllegalArgumentException(strategyKey + ": strategy '" + strategy
                            + "' may not trade account '" + account + "' (gateway.strategy." + strategy + ".accounts)");
                }
                out.put(RolloutScope.strategy(account, strategy), phase(strategyKey, strategyValue));
            }
        }
        if (!unconfigured.isEmpty()) {
            throw new IllegalArgumentException("no rollout phase for account(s) " + String.join(", ", unconfigured)
                    + ": set rollout.account.<alias>.phase (SHADOW, PILOT, RAMP or LIVE)"
                    + (mode.equals("live") ? "; live mode has no default phase" : " or rollout.default-phase"));
        }
        for (String key : new TreeSet<>(properties.keySet())) {
            if (key.startsWith("rollout.account.") && key.endsWith(".phase") && !used.contains(key)
                    && !properties.get(key).isBlank()) {
                throw new IllegalArgumentException(key + " names no configured account (kis.accounts) or strategy"
                        + " (gateway.strategies)");
            }
        }
        return Map.copyOf(out);
    }

    private static RolloutPhase phase(String key, String value) {
        try {
            return RolloutPhase.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
