package kisgateway.risk.rollout;

import java.util.Objects;

/**
 * What a phase belongs to: an account alias, or a strategy on an account ({@link #strategy()} blank for the
 * account's own).
 */
public record RolloutScope(String account, String strategy) {

    public static final String ACCOUNT_ITSELF = "";

    public RolloutScope {
        Objects.requireNonNull(account, "account");
        strategy = strategy == null ? ACCOUNT_ITSELF : strategy;
    }

    public static RolloutScope account(String account) {
        return new RolloutScope(account, ACCOUNT_ITSELF);
    }

    public static RolloutScope strategy(String account, String strategy) {
        return new RolloutScope(account, Objects.requireNonNull(strategy, "strategy"));
    }

    public boolean isAccount() {
        return strategy.isEmpty();
    }

    @Override
    public String toString() {
        return isAccount() ? account : account + "/" + strategy;
    }
}
