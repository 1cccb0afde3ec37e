package kisgateway.app.routing;

/**
 * The rollout phases over JMX (Hawtio, with the operator login). Answers are the REST API's JSON. strategy blank or
 * "*" means the account itself.
 */
public interface RolloutControlMBean {

    String getPhases();

    /** Moves the account (or the strategy on it) to phase: a demotion at once, a promotion one step, four eyes. */
    String setPhase(String account, String strategy, String phase, String reason);

    String approve(long changeId, String reason);

    String withdraw(long changeId, String reason);
}
