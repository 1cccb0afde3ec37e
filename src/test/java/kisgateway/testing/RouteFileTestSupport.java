package kisgateway.testing;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kisgateway.app.GatewayCamelConfiguration;
import kisgateway.app.config.GatewayConfig;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A route test over the real route files: error-handling.camel.yaml plus the flow's own files, the gateway's
 * infrastructure wiring (data source, connection factory, dead-letter headers) on the shared broker and database,
 * and the flow's beans replaced by the test's doubles. A cluster service of its own (a lock file in a fresh
 * directory) makes this context the leader, so the {@code master:} routes run. Advice (an intake's {@code from}
 * replaced by a {@code direct:}) is applied before the context starts.
 *
 * <p>Messages the test sends carry the header {@code run}, unique per test, so the dead letters it reads back
 * are its own on the shared broker. One context per class (its start and stop cost about two seconds): the
 * doubles' records are the test's to clear.
 */
@RouteTier
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RouteFileTestSupport extends CamelMainTestSupport {

    /** Unique per test: the header {@code run} of what the test sends, the selector of the dead letters it reads. */
    protected String run = UUID.randomUUID().toString();

    /** The flow's files under routes/, e.g. {@code orders.camel.yaml}. */
    protected abstract String[] routeFiles();

    /** Binds the doubles under the names the routes refer to. */
    protected abstract void bindDoubles(Registry registry) throws Exception;

    /**
     * The port of the REST routes when {@link #servesHttp()}, on 127.0.0.1: the shared configuration's free port
     * (Camel Main configures its server from there, not from the override properties).
     */
    protected final int httpPort = Integer.parseInt(SharedInfrastructure.config().require("gateway.http.port"));

    /** Whether the flow's files declare REST endpoints: they need the platform-http server to start. */
    protected boolean servesHttp() {
        return false;
    }

    /** Properties to change for this flow (a timer's period, say). */
    protected void overrideProperties(Properties properties) {
    }

    /** AdviceWith on the loaded routes, before the context starts. */
    protected void advise(CamelContext context) throws Exception {
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        GatewayConfig config = SharedInfrastructure.config();
        Properties p = config.withoutSecrets();
        p.setProperty("camel.server.enabled", Boolean.toString(servesHttp()));
        p.setProperty("camel.server.host", "127.0.0.1");
        p.setProperty("camel.management.enabled", "false");
        p.setProperty("camel.routecontroller.enabled", "false");
        p.setProperty("camel.metrics.enabled", "false");
        p.remove("camel.main.routes-include-pattern");
        // the retries of a transient failure are the dead-letter channel's settings, not a decision of the flow
        p.setProperty("deadletter.redelivery-delay-ms", "10");
        overrideProperties(p);
        return p;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        StringBuilder files = new StringBuilder("file:" + TestConfig.projectDir().resolve("routes/error-handling.camel.yaml"));
        for (String file : routeFiles()) {
            files.append(",file:").append(TestConfig.projectDir().resolve("routes/" + file));
        }
        configuration.withRoutesIncludePattern(files.toString());
        configuration.addConfiguration(new GatewayCamelConfiguration(SharedInfrastructure.get(), null));
        configuration.addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) throws Exception {
                bindDoubles(context.getRegistry());
                FileLockClusterService cluster = new FileLockClusterService();
                cluster.setId("route-test-" + run);
                cluster.setRoot(Files.createTempDirectory("route-test-cluster").toString());
                cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
                cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
                context.addService(cluster);
            }
        });
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        run = UUID.randomUUID().toString();
        if (!context.isStarted()) {
            advise(context);
            context.start();
        }
    }

    /**
     * One context per class is not stopped by the test support after the class: its HTTP server would keep the port
     * (the next class's answered 404) and its master: consumers the queues the next class consumes.
     */
    @AfterAll
    void stopTheContext() {
        if (context != null) {
            context.stop();
        }
    }

    /** The next dead letter of this test on {@code queue}, or null within the wait. */
    protected Message deadLetter(String queue, long waitMillis) throws Exception {
        try (Connection connection = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue), "run = '" + run + "'");
            return consumer.receive(waitMillis);
        }
    }
}
