package kisgateway.app.adapter.jmx;

/**
 * Mass cancels over JMX (Hawtio, with the operator login): cancel every resting order of a scope (GLOBAL with key *,
 * ACCOUNT, STRATEGY) at KIS now, and read a mass cancel's report. Answers are the REST API's JSON.
 */
public interface MassCancelControlMBean {

    /** @param requestId optional (blank: one is made up); the same id asked again cancels nothing twice */
    String cancelResting(String scope, String key, String reason, String requestId);

    String report(String requestId);
}
