package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The first PILOT caps, from {@code rollout.pilot.*}: {@code rollout.pilot.<cap>} for every account,
 * {@code rollout.pilot.account.<alias>.<cap>} for one, {@code rollout.pilot.account.<alias>.strategy.<id>.<cap>} for
 * a strategy on it (per-order caps only). Every account gets every cap.
 */
public final class ConfiguredCaps {

    private ConfiguredCaps() {
    }

    /**
     * @throws IllegalArgumentException naming the key whose value is not a cap, or that names no account, strategy or
     *                                  cap
     */
    public static List<CapEntry> from(Map<String, String> properties, Set<String> accounts, Set<String> strategies,
                                      BiPredicate<String, String> strategyTrades, Instant now) {
        List<CapEntry> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String account : accounts) {
            for (PilotCap cap : PilotCap.values()) {
                String own = "rollout.pilot.account." + account + "." + cap.key();
                String fallback = "rollout.pilot." + cap.key();
                used.add(own);
                String key = properties.containsKey(own) ? own : fallback;
                if (!properties.containsKey(key)) {
                    throw new IllegalArgumentException("no " + fallback + " (the PILOT cap of every account without "
                            + own + ")");
                }
                out.add(new CapEntry(RolloutScope.account(account), cap, value(cap, key, properties.get(key)),
                        "configured", "configuration", now));
                for (String strategy : strategies) {
                    String strategyKey = "rollout.pilot.account." + account + ".strategy." + strategy + "." + cap.key();
                    used.add(strategyKey);
                    String v = properties.get(strategyKey);
                    if (v == null || v.isBlank()) {
                        continue;
                    }
                    if (!cap.perStrategy()) {
                        throw new IllegalArgumentException(strategyKey + ": " + cap.key() + " counts the account's whole"
                                + " book; set it on the account");
                    }
                    if (!strategyTrades.test(strategy, account)) {
                        throw new IllegalArgumentException(strategyKey + ": strategy '" + strategy + "' may not trade"
                                + " account '" + account + "'");
                    }
                    out.add(new CapEntry(RolloutScope.strategy(account, strategy), cap, value(cap, strategyKey, v),
                            "configured", "configuration", now));
                }
            }
        }
        for (String key : new TreeSet<>(properties.keySet())) {
            if (key.startsWith("rollout.pilot.account.") && !used.contains(key) && !properties.get(key).isBlank()) {
                throw new IllegalArgumentException(key + " names no configured account, strategy or cap");
            }
            if (key.startsWith("rollout.pilot.") && !key.startsWith("rollout.pilot.account.")) {
                PilotCap.byKey(key.substring("rollout.pilot.".length()));
            }
        }
        return out;
    }

    private static String value(PilotCap cap, String key, String value) {
        try {
            return cap.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
