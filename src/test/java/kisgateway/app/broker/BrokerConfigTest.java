package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/artemis/broker.xml is what the external broker of docker-compose runs with; it must load in a real
 * Artemis as written, with the addresses, dead-letter queues, redelivery and duplicate detection of the
 * message contracts.
 */
class BrokerConfigTest {

    private static final Path BROKER_XML = TestConfig.projectDir().resolve("config/artemis/broker.xml");

    @Test
    void theDockerComposeBrokerConfigurationStartsAsWritten(@TempDir Path dir) throws Exception {
        FileConfiguration config = EmbeddedBroker.load(BROKER_XML);
        assertThat(config.isSecurityEnabled()).as("external broker requires users").isTrue();
        assertThat(config.isPersistIDCache()).isTrue();
        // only the directories move into the temporary folder; the acceptor binds a free port
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setNodeManagerLockDirectory(dir.toString());
        config.getAcceptorConfigurations().clear();
        config.addAcceptorConfiguration("artemis", "tcp://127.0.0.1:" + TestConfig.freePort() + "?protocols=CORE");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        try {
            var server = broker.getActiveMQServer();
            for (String queue : new String[] {"kis.order.intents", "kis.fills", "kis.recon.breaks", "kis.recon.reports",
                    "DLQ.kis.order.intents", "DLQ.kis.fills", "DLQ.kis.order.events", "DLQ.kis.auth", "DLQ.kis.recon"}) {
                assertThat(server.locateQueue(SimpleString.of(queue))).as("queue %s", queue).isNotNull();
            }
            assertThat(server.getAddressInfo(SimpleString.of("kis.order.events"))).isNotNull();
            assertThat(server.getAddressInfo(SimpleString.of("kis.fills.broadcast"))).isNotNull();

            AddressSettings fills = server.getAddressSettingsRepository().getMatch("kis.fills");
            assertThat(fills.getDeadLetterAddress().toString()).isEqualTo("DLQ.kis.fills");
            assertThat(fills.getIDCacheSize()).isEqualTo(200_000);
            assertThat(fills.getMaxDeliveryAttempts()).isEqualTo(6);
            assertThat(fills.getRedeliveryMultiplier()).isEqualTo(2.0);
            AddressSettings intents = server.getAddressSettingsRepository().getMatch("kis.order.intents");
            assertThat(intents.getDeadLetterAddress().toString()).isEqualTo("DLQ.kis.order.intents");
            AddressSettings breaks = server.getAddressSettingsRepository().getMatch("kis.recon.breaks");
            assertThat(breaks.getDeadLetterAddress().toString()).isEqualTo("DLQ.kis.recon");
        } finally {
            broker.stop();
        }
    }

    @Test
    void theEmbeddedBrokerDropsADuplicateFillAndCopiesFillsToTheBroadcastAddress(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 91, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://91", broker.users().gateway().user(),
                     broker.users().gateway().password());
             Connection connection = cf.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer broadcast = session.createConsumer(session.createTopic("kis.fills.broadcast"));
            MessageProducer producer = session.createProducer(session.createQueue("kis.fills"));
            for (int i = 0; i < 2; i++) {
                Message m = session.createTextMessage("{\"fill\":1}");
                m.setStringProperty("_AMQ_DUPL_ID", "fill-0001");
                producer.send(m);
            }
            MessageConsumer consumer = session.createConsumer(session.createQueue("kis.fills"));
            assertThat(consumer.receive(5_000)).isNotNull();
            assertThat(consumer.receive(300)).as("the duplicate was dropped by the broker").isNull();
            assertThat(broadcast.receive(5_000)).as("the multicast copy").isNotNull();
            assertThat(broadcast.receive(300)).isNull();
        }
    }
}
