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
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;

/**
 * Sends a batch of outbox messages in ONE transacted JMS session: one commit (one journal sync at the broker)
 * for the batch instead of a synchronous round trip per persistent message. Each message carries its
 * duplicate id, so a message sent again after a crash between the broker's commit and the outbox's update is
 * not queued twice.
 *
 * <p>Artemis refuses a whole transaction that holds one duplicate (the commit fails with
 * {@code ActiveMQDuplicateIdException}), so a batch mixing an already delivered message (sent by an instance
 * that died before marking it) with new ones would fail on every retry and hold the new ones back for good. Such
 * a batch is sent again one message per transaction: a duplicate alone is already on the queue and counts as
 * sent, the others go through.
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
        try {
            sendInOneTransaction(address, topic, batch);
        } catch (JMSException e) {
            if (!isDuplicate(e) || batch.size() == 1) {
                if (isDuplicate(e)) {
                    return; // the one message is on the queue already
                }
                throw e;
            }
            for (Outgoing o : batch) {
                try {
                    sendInOneTransaction(address, topic, List.of(o));
                } catch (JMSException one) {
                    if (!isDuplicate(one)) {
                        throw one;
                    }
                }
            }
        }
    }

    /** Sent and committed, or rolled back with a fresh session for the next try. */
    private void sendInOneTransaction(String address, boolean topic, List<Outgoing> batch) throws JMSException {
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

    /** The broker refused the commit because a message's duplicate id was delivered before. */
    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
            if (t instanceof JMSException jms && jms.getLinkedException() != null && jms.getLinkedException() != t
                    && jms.getLinkedException() instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
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
