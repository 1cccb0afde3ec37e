package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.fill.FillBook;
import kisgateway.fill.FillMessage;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderEventOutbox;
import kisgateway.order.Side;
import kisgateway.testing.SharedInfrastructure;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fill outbox when the broker fails halfway, with a real PostgreSQL and a real Artemis: stored fills wait in
 * the database while the broker is down (the ingest's publish neither throws nor marks anything), go out once
 * when it is back, and a batch an instance delivered but never marked is not delivered twice.
 */
class OutboxRelayTest {

    private static final Path BROKER_XML = TestConfig.projectDir().resolve("config/artemis/broker.xml");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore orders = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final FillBook fills = new FillBook(dataSource, orders, Clock.systemUTC());
    /** Fills of this test only: the shared database may hold other tests' unpublished fills. */
    private final String account = "relay-" + UUID.randomUUID().toString().substring(0, 8);

    /** @return the committed fill as the ingest hands it to the relay */
    private List<FillMessage> store(String odno, long quantity) {
        return fills.recordStream(List.of(new FillBook.StreamFill(account, odno, "005930", Side.BUY, quantity,
                new BigDecimal("71900"), Instant.now()))).stream()
                .map(o -> ((kisgateway.fill.FillOutcome.Recorded) o).message()).toList();
    }

    private List<String> unpublishedOfThisTest() throws Exception {
        List<String> ids = new ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select fill_id from fills where account = ? and published_at is null order by fill_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private String idOf(String odno) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select fill_id from fills where account = ? and kis_order_no = ?")) {
            ps.setString(1, account);
            ps.setString(2, odno);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static ActiveMQConnectionFactory gatewayFactory(EmbeddedBroker broker, int vmId) {
        return new ActiveMQConnectionFactory("vm://" + vmId, broker.users().gateway().user(),
                broker.users().gateway().password());
    }

    private List<String> receivedOfThisTest(ActiveMQConnectionFactory cf) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("kis.fills"), "account = '" + account + "'");
            Message m;
            while ((m = consumer.receive(500)) != null) {
                ids.add(m.getStringProperty("_AMQ_DUPL_ID"));
            }
        }
        return ids;
    }

    @Test
    void fillsStoredWhileTheBrokerIsDownGoOutOnceWhenItIsBack(@TempDir Path dir) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 94, "127.0.0.1", 0);
        // the restarted broker keeps its users (same data directory): the same login reaches both
        try (ActiveMQConnectionFactory cf = gatewayFactory(broker, 94);
             OutboxRelay relay = new OutboxRelay(cf, fills, new OrderEventOutbox(orders), 100, 0, 0)) {
            relay.publishFills();
            List<FillMessage> first = store("0000000001", 5);
            assertThat(relay.publishAfterCommit(first)).isEqualTo(1);
            // marked by the relay's marker thread, a moment after the broker's commit
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unpublishedOfThisTest()).isEmpty());
            // the broker goes away as in a crash: a graceful stop would wait 10 s for the relay to disconnect first
            broker.server().getConfiguration().setGracefulShutdownEnabled(false);
            broker.close();

            List<FillMessage> second = store("0000000002", 3);
            assertThat(relay.publishAfterCommit(second)).as("broker down: nothing sent, nothing thrown").isZero();
            assertThat(relay.publishAfterCommit(store("0000000003", 2))).isZero();
            assertThat(unpublishedOfThisTest()).hasSize(2);

            try (EmbeddedBroker again = EmbeddedBroker.start(BROKER_XML, dir, 94, "127.0.0.1", 0)) {
                // the next ingest after the failure sends what the failure left before its own fill, from the table
                List<FillMessage> fourth = store("0000000004", 1);
                assertThat(relay.publishAfterCommit(fourth)).as("the backlog and this one").isGreaterThanOrEqualTo(3);
                assertThat(unpublishedOfThisTest()).isEmpty();
                List<String> received = receivedOfThisTest(cf);
                assertThat(received).hasSize(4).doesNotHaveDuplicates();
                assertThat(received.subList(1, 4)).as("in the order stored").containsExactly(second.get(0).fillId(),
                        idOf("0000000003"), fourth.get(0).fillId());
                again.server().getConfiguration().setGracefulShutdownEnabled(false);
            }
        }
    }

    @Test
    void aBatchDeliveredByAnInstanceThatDiedBeforeMarkingItIsNotDeliveredTwice(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 95, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = gatewayFactory(broker, 95);
             OutboxRelay relay = new OutboxRelay(cf, fills, new OrderEventOutbox(orders), 100, 0, 0);
             TransactedPublisher deadInstance = new TransactedPublisher(cf)) {
            store("0000000011", 4);
            store("0000000012", 6);
            // the other instance sent both and died before its outbox update: both stay unpublished in the table
            List<TransactedPublisher.Outgoing> sent = new ArrayList<>();
            for (FillMessage f : fills.unpublished(100, 0, 0)) {
                if (f.account().equals(account)) {
                    sent.add(new TransactedPublisher.Outgoing(f.fillId(), f.json(), Map.of("account", f.account())));
                }
            }
            deadInstance.send("kis.fills", false, sent);
            store("0000000013", 1);

            relay.publishFills();

            assertThat(unpublishedOfThisTest()).isEmpty();
            assertThat(receivedOfThisTest(cf)).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void aFillTheSweepSentBetweenTheIngestsCommitAndItsPublishIsNotSentAgain(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER_XML, dir, 96, "127.0.0.1", 0);
             ActiveMQConnectionFactory cf = gatewayFactory(broker, 96);
             OutboxRelay relay = new OutboxRelay(cf, fills, new OrderEventOutbox(orders), 100, 0, 0)) {
            relay.publishFills();
            // committed by the ingest, which has not published it yet when the sweep runs
            List<FillMessage> raced = store("0000000021", 2);
            assertThat(relay.publishFills()).as("the sweep sends it").isPositive();
            assertThat(relay.publishAfterCommit(raced)).as("the ingest does not send it again").isZero();
            List<FillMessage> next = store("0000000022", 1);
            assertThat(relay.publishAfterCommit(next)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unpublishedOfThisTest()).isEmpty());
            assertThat(receivedOfThisTest(cf)).containsExactly(raced.get(0).fillId(), next.get(0).fillId());
        }
    }
}
