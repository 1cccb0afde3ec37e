package kisgateway.order;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a JMS intent to the strategy of the broker user that sent it. The broker stamps every message with the
 * user it authenticated (broker.xml {@code populate-validated-user}, read as JMSXUserID), over any value the
 * sender put there; each strategy sends as a broker user of its own ({@code gateway.strategy.<id>.broker-user}),
 * and an intent is taken only in the name of its sender's strategy. Without this, a strategy allowed to send
 * intents could name any other: one allowed on every account, or one whose kill switch was not moved.
 * <p>
 * An intent with no stamped sender comes from a broker that runs without security (the embedded broker of sim
 * mode): it is refused, unless the configuration trusts such an intent's {@code strategyId} explicitly, which only
 * sim mode may do (the gateway refuses to start otherwise).
 */
public final class IntentSenderBinding {

    private static final Logger LOG = LoggerFactory.getLogger(IntentSenderBinding.class);

    private final Map<String, String> strategyByBrokerUser;
    private final boolean trustUnbound;

    /**
     * @param strategyByBrokerUser each strategy's broker user, to its strategy id
     * @param trustUnbound         take an intent without a stamped sender in the name its body gives (sim only)
     */
    public IntentSenderBinding(Map<String, String> strategyByBrokerUser, boolean trustUnbound) {
        this.strategyByBrokerUser = Map.copyOf(strategyByBrokerUser);
        this.trustUnbound = trustUnbound;
        LOG.info("JMS intents bound to their senders brokerUsers={} unstampedIntents={}",
                new TreeMap<>(strategyByBrokerUser), trustUnbound ? "taken at their strategyId (sim)" : "refused");
    }

    /**
     * The strategy a JMS request (a query, not an intent) acts for: its sender's. Without a stamped sender, only
     * where unstamped intents are trusted (sim), the strategy the request names.
     *
     * @param claimedStrategy the strategy the request names; may be null when a sender is stamped
     * @throws StrategyPermissions.NotPermitted when the sender is no strategy's, or names another strategy
     */
    public String strategyOf(String brokerUser, String claimedStrategy) {
        boolean claimed = claimedStrategy != null && !claimedStrategy.isEmpty();
        if (brokerUser == null || brokerUser.isEmpty()) {
            if (trustUnbound && claimed) {
                return claimedStrategy;
            }
            throw new StrategyPermissions.NotPermitted("the request names no sender: the broker stamps the user it"
                    + " authenticated (JMSXUserID) on every request, and this one has none");
        }
        String strategy = strategyByBrokerUser.get(brokerUser);
        if (strategy == null) {
            throw new StrategyPermissions.NotPermitted("broker user '" + brokerUser + "' sends for no strategy"
                    + " (gateway.strategy.<id>.broker-user)");
        }
        if (claimed && !strategy.equals(claimedStrategy)) {
            throw new StrategyPermissions.NotPermitted("broker user '" + brokerUser + "' sends for strategy '" + strategy
                    + "', not for '" + claimedStrategy + "'");
        }
        return strategy;
    }

    /**
     * @param brokerUser the user the broker stamped on the message; null or empty when it stamped none
     * @throws StrategyPermissions.NotPermitted when that sender may not send this intent
     */
    public void bind(String brokerUser, Intent intent) {
        strategyOf(brokerUser, intent.strategyId(), "intent");
    }

    /**
     * The strategy a JMS message's sender acts for, for requests other than intents (a tick subscription).
     *
     * @param claimed the strategy the message names, or null when it names none
     * @param what    what the message is, for the reason
     * @throws StrategyPermissions.NotPermitted when the sender acts for no strategy, or not for the one claimed
     */
    public String strategyOf(String brokerUser, String claimed, String what) {
        if (brokerUser == null || brokerUser.isEmpty()) {
            if (trustUnbound && claimed != null) {
                return claimed;
            }
            throw new StrategyPermissions.NotPermitted("the " + what + " names no sender: the broker stamps the user it"
                    + " authenticated (JMSXUserID) on every message, and this one has none; " + what + "s are taken"
                    + " only from a broker with security on");
        }
        String strategy = strategyByBrokerUser.get(brokerUser);
        if (strategy == null) {
            throw new StrategyPermissions.NotPermitted("broker user '" + brokerUser + "' sends for no strategy"
                    + " (gateway.strategy.<id>.broker-user)");
        }
        if (claimed != null && !strategy.equals(claimed)) {
            throw new StrategyPermissions.NotPermitted("broker user '" + brokerUser + "' sends for strategy '" + strategy
                    + "', not for '" + claimed + "'");
        }
        return strategy;
    }
}
