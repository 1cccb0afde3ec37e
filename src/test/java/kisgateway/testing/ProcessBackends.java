package kisgateway.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kisgateway.app.broker.BrokerLogin;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What several gateway processes share in a test: one PostgreSQL, one Artemis (the shipped broker.xml), one
 * simulator at a trading day's 09:00 with its price path frozen, and a JMS session of the test's own. The processes
 * it launched are killed when it closes, before the rest goes.
 */
public final class ProcessBackends implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dir;
    private final EmbeddedDatabase db;
    private final EmbeddedBroker broker;
    private final KisSimulator kis;
    private final ActiveMQConnectionFactory connections;
    private final Connection jms;
    private final Session session;
    private final List<Process> processes = new ArrayList<>();

    private ProcessBackends(Path dir, EmbeddedDatabase db, EmbeddedBroker broker, KisSimulator kis) throws JMSException {
        this.dir = dir;
        this.db = db;
        this.broker = broker;
        this.kis = kis;
        // the test speaks for the gateway (sends intents, reads every output): the gateway's login
        BrokerLogin login = broker.users().gateway();
        this.connections = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort(), login.user(),
                login.password());
        this.jms = connections.createConnection();
        jms.start();
        this.session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** @param brokerVmId the broker's in-VM id, distinct per test class (tests run in one JVM) */
    public static ProcessBackends start(Path dir, int brokerVmId, SimulatorSettings.Builder simulator) throws Exception {
        return start(dir, brokerVmId, simulator, false);
    }

    /**
     * @param durable every database commit waits for its WAL flush, as in the default run (benchmarks); tests' throw-away
     *                data goes without
     */
    public static ProcessBackends start(Path dir, int brokerVmId, SimulatorSettings.Builder simulator, boolean durable)
            throws Exception {
        int brokerPort = TestConfig.freePort();
        EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, durable);
        EmbeddedBroker broker = EmbeddedBroker.start(TestConfig.projectDir().resolve("config/artemis/broker.xml"),
                dir.resolve("artemis"), brokerVmId, "127.0.0.1", brokerPort);
        KisSimulator kis = KisSimulator.start(simulator.restPort(0).wsPort(0).pricePathFrozen(true).build());
        GatewayProcess.openRegularSession(kis);
        return new ProcessBackends(dir, db, broker, kis);
    }

    public EmbeddedDatabase db() {
        return db;
    }

    public KisSimulator kis() {
        return kis;
    }

    public Session session() {
        return session;
    }

    /** A connection of the demo strategy's broker user: the gateway takes an intent only from its strategy's user. */
    public Connection strategyConnection() throws JMSException {
        BrokerLogin strategy = broker.users().login("strategy");
        Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort())
                .createConnection(strategy.user(), strategy.password());
        c.start();
        return c;
    }

    public MessageConsumer consumer(String queue) throws JMSException {
        return session.createConsumer(session.createQueue(queue));
    }

    /** Arguments electing the leader with a lock file under the test's folder, retried every half second. */
    public List<String> fileCluster(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dfills.cluster.type=file",
                "-Dfills.cluster.root=" + Files.createDirectories(dir.resolve("cluster")),
                "-Dfills.cluster.acquire-interval-ms=500"));
        args.addAll(List.of(more));
        return args;
    }

    /** A gateway process named {@code name} (its folder and log) on the HTTP port given. */
    public Process launch(String name, int httpPort, List<String> args) throws IOException {
        Process p = GatewayProcess.launch(dir.resolve(name), httpPort, db, broker, kis, args);
        processes.add(p);
        return p;
    }

    /** A gateway process trading {@code accounts} (aliases {@link GatewayProcess#alias}). */
    public Process launch(String name, int httpPort, List<SimAccount> accounts, List<String> args) throws IOException {
        Process p = GatewayProcess.launch(dir.resolve(name), httpPort, db, broker, kis, accounts, args);
        processes.add(p);
        return p;
    }

    /** One WebSocket session open at the simulator and subscribed to the notices: KIS keeps nothing for others. */
    public void awaitStreamLive() {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            JsonNode stats = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(kis.restBaseUrl()
                    + "/sim/admin/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());
            return stats.findPath("openSessions").asInt() == 1 && stats.findPath("subscriptions").asInt() > 0;
        });
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        try (db; broker; kis; connections; jms) {
            session.close();
        }
    }
}
