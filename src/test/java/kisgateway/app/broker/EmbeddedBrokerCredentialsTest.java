package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker accepts only the users generated at its first start, one per role of broker.xml, over TCP and
 * in-VM alike. Before, it ran with security off: any process of the machine could send intents on 61616 or read
 * every fill.
 */
class EmbeddedBrokerCredentialsTest {

    private static final Path BROKER_XML = TestConfig.projectDir().resolve("config/artemis/broker.xml");
    private static final String FILE = "kis-gateway-credentials.properties";

    @Test
    void aConnectionWithoutAKnownUserIsRefused(@TempDir Path dir) throws Exception {
        int port = TestConfig.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 97, "127.0.0.1", port);
             ActiveMQConnectionFactory tcp = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             ActiveMQConnectionFactory inVm = new ActiveMQConnectionFactory("vm://97")) {
            for (ActiveMQConnectionFactory cf : new ActiveMQConnectionFactory[] {tcp, inVm}) {
                assertThatThrownBy(() -> cf.createConnection().close()).as("no user")
                        .isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> cf.createConnection("kis-gateway", "guessed").close()).as("a wrong password")
                        .isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> cf.createConnection("artemis", "artemis").close()).as("the image's default")
                        .isInstanceOf(JMSSecurityException.class);
            }
            BrokerLogin gateway = broker.users().gateway();
            try (Connection c = tcp.createConnection(gateway.user(), gateway.password())) {
                c.createSession(false, Session.AUTO_ACKNOWLEDGE).createProducer(null).close();
            }
        }
    }

    @Test
    void theUsersLiveWithTheJournalForTheOwnerOnlyAndARestartReusesThem(@TempDir Path dir) throws Exception {
        Properties first;
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 98, "127.0.0.1", 0)) {
            assertThat(broker.users().file()).isEqualTo(dir.resolve(FILE));
            first = read(dir.resolve(FILE));
            assertThat(first.stringPropertyNames()).containsExactlyInAnyOrder("kis-gateway", "strategy", "back-office",
                    "operations");
            assertThat(first.getProperty("kis-gateway")).isEqualTo(broker.users().gateway().password());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FILE)))).isEqualTo("rw-------");
        assertThat(first.values()).as("a password per user").doesNotHaveDuplicates();

        try (EmbeddedBroker again = EmbeddedBroker.start(BROKER_XML, dir, 98, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://98");
             Connection c = cf.createConnection("back-office", first.getProperty("back-office"))) {
            assertThat(read(dir.resolve(FILE))).isEqualTo(first);
            c.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
        }
    }

    @Test
    void aUsersFileOthersMayReadIsRefused(@TempDir Path dir) throws Exception {
        EmbeddedBroker.start(BROKER_XML, dir, 99, "127.0.0.1", 0).close();
        Files.setPosixFilePermissions(dir.resolve(FILE), PosixFilePermissions.fromString("rw----r--"));

        assertThatThrownBy(() -> EmbeddedBroker.start(BROKER_XML, dir, 99, "127.0.0.1", 0).close())
                .hasMessageContaining(dir.resolve(FILE).toString()).hasMessageContaining("readable by others")
                .hasMessageContaining("chmod 600");
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
