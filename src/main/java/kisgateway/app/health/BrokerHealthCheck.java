package kisgateway.app.health;

import java.util.Map;
import kisgateway.app.broker.BrokerConnection;
import kisgateway.app.broker.EmbeddedBroker;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN when the gateway cannot open a connection to Artemis (or the embedded broker is not active). */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final BrokerConnection connection;
    private final EmbeddedBroker embedded;

    /** @param embedded the in-process broker, or null when the broker is external */
    public BrokerHealthCheck(BrokerConnection connection, EmbeddedBroker embedded) {
        super("kis-gateway", "broker");
        this.connection = connection;
        this.embedded = embedded;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (embedded != null && !embedded.isActive()) {
            builder.message("embedded Artemis is not active").down();
            return;
        }
        try {
            connection.probe();
            builder.up();
        } catch (Exception e) {
            builder.message("broker unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
