package kisgateway.app.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;

/**
 * Sends a batch of outbox messages in ONE transacted JMS session: one commit (one journal sync at the broker)
 * for the batch instead of a synchronous round trip per persistent message. Each message carries its
 * duplicate id, so a batch sent again after a crash between the broker's commit and the outbox's update is
 * dropped by the broker.
 */
public final class TransactedPublisher implements AutoCloseable {

    private final ConnectionFactory connections;
    private Connection connection;
    private Session session;
    private final java.util.Map<String, MessageProducer> producers = new java.util.HashMap<>();

    public TransactedPublisher(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** One message of a batch. */
    public record Outgoing(String duplicateId, String body, Map<String, String> properties) {
    }

    /**
     * @param topic true for a multicast address (kis.order.events), false for a queue (kis.fills)
     */
    public synchronized void send(String address, boolean topic, List<Outgoing> batch) throws JMSException {
        if (batch.isEmpty()) {
            return;
        }
        // one connection and session kept open: a batch costs its messages and one commit, nothing more
        try {
            Session s = session();
            MessageProducer producer = producer(s, address, topic);
            for (Outgoing o : batch) {
                TextMessage m = s.createTextMessage(o.body());
                m.setStringProperty("_AMQ_DUPL_ID", o.duplicateId());
                for (Map.Entry<String, String> p : o.properties().entrySet()) {
                    if (p.getValue() != null) {
                        m.setStringProperty(p.getKey(), p.getValue());
                    }
                }
                producer.send(m);
            }
            s.commit();
        } catch (JMSException | RuntimeException e) {
            // the batch is not on the broker: roll back what may be pending and start from a fresh session
            reset();
            throw e;
        }
    }

    private Session session() throws JMSException {
        if (session == null) {
            connection = connections.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
        }
        return session;
    }

    private MessageProducer producer(Session s, String address, boolean topic) throws JMSException {
        MessageProducer producer = producers.get(address);
        if (producer == null) {
            Destination destination = topic ? s.createTopic(address) : s.createQueue(address);
            producer = s.createProducer(destination);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producers.put(address, producer);
        }
        return producer;
    }

    private void reset() {
        producers.clear();
        try {
            if (session != null) {
                session.rollback();
            }
        } catch (JMSException | RuntimeException ignored) {
            // the session is being thrown away
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException | RuntimeException ignored) {
            // the connection is being thrown away
        }
        session = null;
        connection = null;
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
