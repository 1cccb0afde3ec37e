package kisgateway.app.adapter.jmx;

/** The kill switches over JMX (Hawtio, with the operator login): scope is GLOBAL, ACCOUNT or STRATEGY. */
public interface TradingStateControlMBean {

    String getStates();

    String halt(String scope, String key, String reason);

    String reduceOnly(String scope, String key, String reason);

    String activate(String scope, String key, String reason);
}
