package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rights of config/artemis/broker.xml, as the external broker and the embedded one enforce them: the shipped
 * file with security on, one user per role (the embedded broker's generated users), and for every role x address a
 * real JMS send and a real consume (a subscription on a multicast address). A strategy that could send on kis.fills could forge a fill; a back office that could
 * consume kis.order.intents would take intents off the gateway's queue.
 */
class BrokerSecurityMatrixTest {

    private static final Path BROKER_XML = TestConfig.projectDir().resolve("config/artemis/broker.xml");
    private static final int VM_ID = 92;

    private static final String GATEWAY = "kis-gateway";
    private static final String STRATEGY = "strategy";
    private static final String BACK_OFFICE = "back-office";
    private static final String OPERATIONS = "operations";
    private static final List<String> ROLES = List.of(GATEWAY, STRATEGY, BACK_OFFICE, OPERATIONS);

    private enum Right { SEND, CONSUME }

    private record Address(String name, boolean multicast) {
    }

    private static final List<Address> ADDRESSES = List.of(
            new Address("kis.order.intents", false),
            new Address("kis.order.events", true),
            new Address("kis.fills", false),
            new Address("kis.fills.broadcast", true),
            new Address("kis.recon.breaks", false),
            new Address("kis.recon.reports", false),
            new Address("kis.market.last-prices", true),
            new Address("kis.market.ticks", true),
            new Address("kis.market.tick-subscriptions", false),
            new Address("DLQ.kis.market.tick-subscriptions", false),
            new Address("kis.ops.tickets", false),
            new Address("kis.ops.drills", false),
            new Address("DLQ.kis.ops.drills", false),
            new Address("DLQ.kis.ops.tickets", false),
            new Address("DLQ.kis.order.intents", false),
            new Address("DLQ.kis.order.events", false),
            new Address("DLQ.kis.fills", false),
            new Address("DLQ.kis.auth", false),
            new Address("DLQ.kis.recon", false),
            new Address("DLQ.kis.market.last-prices", false),
            new Address("kis.strategy.queries", false),
            new Address("DLQ.kis.strategy.queries", false),
            new Address("DLQ.unrouted", false));

    /** The contract of docs/asyncapi.yaml: who may do what where; everything not listed is denied. */
    private static final Map<String, Map<Right, Set<String>>> ALLOWED = Map.ofEntries(
            Map.entry("kis.order.intents", Map.of(Right.SEND, Set.of(GATEWAY, STRATEGY), Right.CONSUME, Set.of(GATEWAY))),
            Map.entry("kis.order.events", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.fills", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.fills.broadcast", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.recon.breaks", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.recon.reports", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.market.last-prices", gatewayPublishesBackOfficeReads()),
            Map.entry("kis.market.ticks", Map.of(Right.SEND, Set.of(GATEWAY), Right.CONSUME,
                    Set.of(GATEWAY, BACK_OFFICE, STRATEGY))),
            Map.entry("kis.market.tick-subscriptions", Map.of(Right.SEND, Set.of(GATEWAY, STRATEGY),
                    Right.CONSUME, Set.of(GATEWAY))),
            Map.entry("DLQ.kis.market.tick-subscriptions", deadLetters()),
            Map.entry("kis.ops.tickets", Map.of(Right.SEND, Set.of(GATEWAY), Right.CONSUME,
                    Set.of(GATEWAY, OPERATIONS, BACK_OFFICE))),
            Map.entry("DLQ.kis.ops.tickets", deadLetters()),
            Map.entry("kis.ops.drills", Map.of(Right.SEND, Set.of(GATEWAY), Right.CONSUME,
                    Set.of(GATEWAY, OPERATIONS, BACK_OFFICE))),
            Map.entry("DLQ.kis.ops.drills", deadLetters()),
            Map.entry("DLQ.kis.order.intents", deadLetters()),
            Map.entry("DLQ.kis.order.events", deadLetters()),
            Map.entry("DLQ.kis.fills", deadLetters()),
            Map.entry("DLQ.kis.auth", deadLetters()),
            Map.entry("DLQ.kis.recon", deadLetters()),
            Map.entry("DLQ.kis.market.last-prices", deadLetters()),
            Map.entry("kis.strategy.queries", Map.of(Right.SEND, Set.of(GATEWAY, STRATEGY), Right.CONSUME, Set.of(GATEWAY))),
            Map.entry("DLQ.kis.strategy.queries", deadLetters()),
            Map.entry("DLQ.unrouted", deadLetters()));

    private static Map<Right, Set<String>> gatewayPublishesBackOfficeReads() {
        return Map.of(Right.SEND, Set.of(GATEWAY), Right.CONSUME, Set.of(GATEWAY, BACK_OFFICE));
    }

    private static Map<Right, Set<String>> deadLetters() {
        return Map.of(Right.SEND, Set.of(GATEWAY), Right.CONSUME, Set.of(GATEWAY, OPERATIONS));
    }

    @Test
    void everyRoleHasExactlyTheRightsOfItsContractOnEveryAddress(@TempDir Path dir) throws Exception {
        assertThat(EmbeddedBroker.load(BROKER_XML).isSecurityEnabled()).isTrue();
        List<String> wrong = new ArrayList<>();
        // the embedded broker: the shipped file as written, with the users it generates, one per role
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, VM_ID, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://" + VM_ID)) {
            for (String role : ROLES) {
                BrokerLogin login = broker.users().login(role);
                try (Connection connection = cf.createConnection(login.user(), login.password())) {
                    for (Address address : ADDRESSES) {
                        for (Right right : Right.values()) {
                            boolean expected = ALLOWED.get(address.name()).get(right).contains(role);
                            boolean actual = attempt(connection, address, right);
                            if (actual != expected) {
                                wrong.add(role + " " + right + " " + address.name() + ": "
                                        + (actual ? "allowed" : "denied") + ", contract says "
                                        + (expected ? "allowed" : "denied"));
                            }
                        }
                    }
                }
            }
            // temporary queues (uuid-namespace): a strategy makes its own for query answers and reads them; only the
            // gateway sends to them, so no strategy can forge another's answer
            for (String role : ROLES) {
                BrokerLogin login = broker.users().login(role);
                try (Connection connection = cf.createConnection(login.user(), login.password())) {
                    boolean expected = role.equals(GATEWAY) || role.equals(STRATEGY);
                    boolean made = temporaryQueueMadeAndRead(connection);
                    if (made != expected) {
                        wrong.add(role + " temporary queue: " + (made ? "allowed" : "denied"));
                    }
                    if (made && role.equals(STRATEGY) && sendsToOwnTemporaryQueue(connection)) {
                        wrong.add(role + " SEND to a temporary queue: allowed, contract says only the gateway");
                    }
                }
            }
        }
        assertThat(wrong).as("rights that differ from the contract").isEmpty();
    }

    @Test
    void aStrategyMakesItsOwnReplyQueueAndTheGatewayAnswersOnIt(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, VM_ID + 1, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://" + (VM_ID + 1))) {
            BrokerLogin strategy = broker.users().login(STRATEGY);
            BrokerLogin gateway = broker.users().login(GATEWAY);
            try (Connection asStrategy = cf.createConnection(strategy.user(), strategy.password());
                 Connection asGateway = cf.createConnection(gateway.user(), gateway.password())) {
                Session strategySession = asStrategy.createSession(false, Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.TemporaryQueue replies = strategySession.createTemporaryQueue();
                MessageConsumer consumer = strategySession.createConsumer(replies);
                asStrategy.start();
                try (Session gatewaySession = asGateway.createSession(false, Session.AUTO_ACKNOWLEDGE);
                     MessageProducer producer = gatewaySession.createProducer(replies)) {
                    producer.send(gatewaySession.createTextMessage("{\"status\":200}"));
                }
                assertThat(((jakarta.jms.TextMessage) consumer.receive(5000)).getText()).isEqualTo("{\"status\":200}");
            }
        }
    }

    private static boolean temporaryQueueMadeAndRead(Connection connection) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            try (MessageConsumer ignored = session.createConsumer(session.createTemporaryQueue())) {
                return true;
            }
        } catch (JMSSecurityException denied) {
            return false;
        }
    }

    private static boolean sendsToOwnTemporaryQueue(Connection connection) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            jakarta.jms.TemporaryQueue own = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(own)) {
                producer.send(session.createTextMessage("{\"forged\":true}"));
            }
            return true;
        } catch (JMSSecurityException denied) {
            return false;
        }
    }

    /** True when the broker let the role do it, false when it refused it for security; anything else fails. */
    private static boolean attempt(Connection connection, Address address, Right right) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Destination destination = address.multicast()
                    ? session.createTopic(address.name()) : session.createQueue(address.name());
            if (right == Right.SEND) {
                try (MessageProducer producer = session.createProducer(destination)) {
                    // persistent, so the send blocks for the broker's answer and a refusal surfaces here
                    producer.send(session.createTextMessage("{\"probe\":true}"));
                }
            } else {
                try (MessageConsumer ignored = session.createConsumer(destination)) {
                    // creating the consumer is what the broker checks
                }
            }
            return true;
        } catch (JMSSecurityException denied) {
            return false;
        }
    }
}
