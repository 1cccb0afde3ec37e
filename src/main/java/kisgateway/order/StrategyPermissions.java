package kisgateway.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which strategies may trade which accounts, and the REST API key of each (kept as its SHA-256, so the
 * configuration never holds a usable key). JMS intents are authenticated by the broker; both intakes are
 * authorised here.
 */
public final class StrategyPermissions {

    /** Grants a strategy every account of the gateway. */
    public static final String ALL_ACCOUNTS = "*";

    private final Map<String, Strategy> strategies;

    public StrategyPermissions(Map<String, Strategy> strategies) {
        this.strategies = Map.copyOf(strategies);
    }

    /** The configured strategy ids. */
    public Set<String> strategyIds() {
        return strategies.keySet();
    }

    /** @return the strategy whose API key this is */
    public String authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new NotAuthenticated("missing X-Api-Key header");
        }
        byte[] presented = sha256(apiKey.trim());
        Optional<String> match = Optional.empty();
        for (Strategy s : strategies.values()) {
            // compare every key in constant time; do not stop early
            if (s.apiKeySha256() != null && MessageDigest.isEqual(presented, s.apiKeySha256()) && match.isEmpty()) {
                match = Optional.of(s.id());
            }
        }
        return match.orElseThrow(() -> new NotAuthenticated("unknown API key"));
    }

    /** Whether the strategy is configured and may trade the account. */
    public boolean mayTrade(String strategyId, String account) {
        Strategy s = strategies.get(strategyId);
        return s != null && (s.accounts().contains(ALL_ACCOUNTS) || s.accounts().contains(account));
    }

    /** Refuses an intent whose strategy is unknown or may not trade its account. */
    public void authorize(String strategyId, String account) {
        Strategy s = strategies.get(strategyId);
        if (s == null) {
            throw new NotPermitted("strategy '" + strategyId + "' is not configured on this gateway");
        }
        if (!s.accounts().contains(ALL_ACCOUNTS) && !s.accounts().contains(account)) {
            throw new NotPermitted("strategy '" + strategyId + "' may not trade account '" + account + "'");
        }
    }

    /** A REST caller may only send intents in its own strategy's name. */
    public void authorizeCaller(String authenticatedStrategy, String intentStrategy, String account) {
        if (!authenticatedStrategy.equals(intentStrategy)) {
            throw new NotPermitted("API key of strategy '" + authenticatedStrategy + "' cannot act for '"
                    + intentStrategy + "'");
        }
        authorize(intentStrategy, account);
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** @param apiKeySha256 null when the strategy has no REST access (JMS only) */
    public record Strategy(String id, Set<String> accounts, byte[] apiKeySha256) {
    }

    /** No or wrong credentials (HTTP 401). */
    public static final class NotAuthenticated extends RuntimeException {
        public NotAuthenticated(String message) {
            super(message);
        }
    }

    /** Authenticated, but not allowed to do this (HTTP 403; dead-lettered on JMS). */
    public static final class NotPermitted extends IllegalArgumentException {
        public NotPermitted(String message) {
            super(message);
        }
    }
}
