package kisgateway.sim.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kisgateway.sim.SimAccount;

/** Who is who: app keys with their secret, the accounts each key may trade, and the HTS IDs behind them. */
public final class AppKeyDirectory {
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, List<SimAccount>> accountsByKey = new LinkedHashMap<>();
    private final Map<String, List<SimAccount>> accountsByHtsId = new LinkedHashMap<>();

    public AppKeyDirectory(List<SimAccount> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one account");
        }
        for (SimAccount a : accounts) {
            String known = secrets.putIfAbsent(a.appKey(), a.appSecret());
            if (known != null && !known.equals(a.appSecret())) {
                throw new IllegalArgumentException("app key " + a + " is listed with two different secrets");
            }
            accountsByKey.computeIfAbsent(a.appKey(), k -> new ArrayList<>()).add(a);
            accountsByHtsId.computeIfAbsent(a.htsId(), k -> new ArrayList<>()).add(a);
        }
    }

    public boolean knows(String appKey) {
        return appKey != null && secrets.containsKey(appKey);
    }

    public boolean secretMatches(String appKey, String appSecret) {
        return appSecret != null && appSecret.equals(secrets.get(appKey));
    }

    public List<String> appKeys() {
        return List.copyOf(secrets.keySet());
    }

    public List<SimAccount> accountsOf(String appKey) {
        return accountsByKey.getOrDefault(appKey, List.of());
    }

    public Optional<SimAccount> account(String appKey, String cano) {
        return accountsOf(appKey).stream().filter(a -> a.cano().equals(cano)).findFirst();
    }

    /** An HTS ID's notice stream covers every account under it (KIS notice of 2026-04-20). */
    public boolean htsIdBelongsTo(String htsId, String appKey) {
        return accountsOf(appKey).stream().anyMatch(a -> a.htsId().equals(htsId));
    }

    public List<SimAccount> accountsOfHtsId(String htsId) {
        return accountsByHtsId.getOrDefault(htsId, List.of());
    }
}
