package kisgateway.app.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The gateway's JMS connection factory: the Artemis jakarta client behind a pool, so every route shares a few
 * connections and caches sessions and producers instead of opening one per message.
 */
public final class BrokerConnection implements AutoCloseable {

    private final ActiveMQConnectionFactory direct;
    private final ActiveMQConnectionFactory probe;
    private final JmsPoolConnectionFactory pooled;

    public BrokerConnection(String url, String user, String password, int maxConnections, int maxSessionsPerConnection) {
        this.direct = new ActiveMQConnectionFactory(url);
        if (user != null && !user.isBlank()) {
            direct.setUser(user);
            direct.setPassword(password);
        }
        // The probe must answer quickly when the broker is down, whatever reconnect policy the URL asks for.
        this.probe = new ActiveMQConnectionFactory(url);
        probe.setReconnectAttempts(0);
        probe.setInitialConnectAttempts(1);
        probe.setCallTimeout(2_000);
        if (user != null && !user.isBlank()) {
            probe.setUser(user);
            probe.setPassword(password);
        }
        this.pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(direct);
        pooled.setMaxConnections(maxConnections);
        pooled.setMaxSessionsPerConnection(maxSessionsPerConnection);
        pooled.setBlockIfSessionPoolIsFull(true);
        pooled.setBlockIfSessionPoolIsFullTimeout(5_000);
        pooled.setConnectionCheckInterval(10_000);
    }

    public ConnectionFactory connectionFactory() {
        return pooled;
    }

    /**
     * The client's own factory, for a component that holds one connection and session for its whole life (the
     * outbox publishers): the pool's wrappers would only add a layer to every send.
     */
    public ConnectionFactory unpooledConnectionFactory() {
        return direct;
    }

    /** Opens and closes a real connection: the health check of the broker as the gateway sees it. */
    public void probe() throws JMSException {
        try (Connection c = probe.createConnection()) {
            c.start();
        }
    }

    @Override
    public void close() {
        pooled.stop();
        direct.close();
        probe.close();
    }
}
