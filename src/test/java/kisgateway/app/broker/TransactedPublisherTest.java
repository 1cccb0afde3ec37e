package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real embedded Artemis with the gateway's broker.xml: an outbox batch that holds a message delivered
 * before (an instance died between the broker's commit and its outbox update) still delivers the rest, once.
 */
class TransactedPublisherTest {

    private static final Path BROKER_XML = TestConfig.projectDir().resolve("config/artemis/broker.xml");

    private static TransactedPublisher.Outgoing fill(String id) {
        return new TransactedPublisher.Outgoing(id, "{\"fill\":\"" + id + "\"}", Map.of("account", "sim"));
    }

    @Test
    void aBatchHoldingAnAlreadyDeliveredFillDeliversTheOthersOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 93, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://93", broker.users().gateway().user(),
                     broker.users().gateway().password());
             TransactedPublisher publisher = new TransactedPublisher(cf);
             Connection connection = cf.createConnection()) {
            publisher.send("kis.fills", false, List.of(fill("F-1")));
            // the same fill again, with two new ones: Artemis refuses the whole transaction for the duplicate
            publisher.send("kis.fills", false, List.of(fill("F-2"), fill("F-1"), fill("F-3")));
            publisher.send("kis.fills", false, List.of(fill("F-1")));

            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("kis.fills"));
            List<String> ids = new ArrayList<>();
            Message m;
            while ((m = consumer.receive(500)) != null) {
                ids.add(m.getStringProperty("_AMQ_DUPL_ID"));
            }
            assertThat(ids).containsExactly("F-1", "F-2", "F-3");
        }
    }
}
