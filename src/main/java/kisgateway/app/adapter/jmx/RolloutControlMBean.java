package kisgateway.app.adapter.jmx;

/**
 * The rollout phases over JMX (Hawtio, with the operator login). Answers are the REST API's JSON. strategy blank or
 * "*" means the account itself.
 */
public interface RolloutControlMBean {

    String getPhases();

    /** Moves the account (or the strategy on it) to phase: a demotion at once, a promotion one step, four eyes. */
    String setPhase(String account, String strategy, String phase, String reason);

    /** Sets a PILOT cap (max-order-notional, max-daily-gross-notional, max-daily-loss, symbols, max-open-orders). */
    String setCap(String account, String strategy, String cap, String value, String reason);

    /** Evaluates every RAMP account's gates and schedule now. */
    String evaluateRamps();

    String approve(long changeId, String reason);

    String withdraw(long changeId, String reason);
}
