package kisgateway.app.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kisgateway.app.GatewayCamelConfiguration;
import kisgateway.app.config.GatewayConfig;
import kisgateway.testing.RouteTier;
import kisgateway.testing.SharedInfrastructure;
import kisgateway.testing.TestConfig;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter convention of routes/error-handling.camel.yaml, on the real broker: a poison message on a
 * transacted JMS intake ends on DLQ.kis.order.intents, unchanged, with the reason, the route and the time in
 * headers; the route goes on consuming the next message.
 */
@RouteTier
class DeadLetterConventionTest extends CamelMainTestSupport {

    private static final String INTAKE = "kis.test.intake.deadletter";

    private final String run = UUID.randomUUID().toString();

    /**
     * A queue of the test's own, declared on the broker as broker.xml declares the gateway's: kis addresses are never
     * auto-created, and the gateway's broker user may use no address outside kis.* and DLQ.* (as on the external broker).
     */
    @BeforeAll
    static void declareTheTestIntake() throws Exception {
        SharedInfrastructure.get().embeddedBroker().server().createQueue(QueueConfiguration.of(INTAKE)
                .setRoutingType(RoutingType.ANYCAST).setAutoCreateAddress(true), true);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        GatewayConfig config = SharedInfrastructure.config();
        Properties p = config.withoutSecrets();
        p.setProperty("camel.server.enabled", "false");
        p.setProperty("camel.management.enabled", "false");
        p.setProperty("camel.routecontroller.enabled", "false");
        p.setProperty("camel.metrics.enabled", "false");
        p.remove("camel.main.routes-include-pattern");
        return p;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:" + TestConfig.projectDir().resolve("routes/error-handling.camel.yaml"));
        configuration.addConfiguration(new GatewayCamelConfiguration(SharedInfrastructure.get(), null));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + INTAKE + "?transacted=true")
                        .routeId("consumeTestIntake")
                        .routeConfigurationId("orderFlow")
                        .process(e -> {
                            if (e.getMessage().getBody(String.class).contains("poison")) {
                                throw new IllegalArgumentException("intent is not valid JSON: unexpected 'poison' at 1:1");
                            }
                        })
                        .to("mock:accepted");
            }
        };
    }

    @Test
    void aPoisonMessageEndsOnItsDeadLetterQueueWithItsReasonAndTheRouteKeepsConsuming() throws Exception {
        MockEndpoint accepted = getMockEndpoint("mock:accepted");
        accepted.expectedBodiesReceived("{\"good\":1}", "{\"good\":2}");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("consumeTestIntake").whenDone(3).create();

        template.sendBodyAndHeader("jms:queue:" + INTAKE, "{\"good\":1}", "run", run);
        template.sendBodyAndHeader("jms:queue:" + INTAKE, "poison{", "run", run);
        template.sendBodyAndHeader("jms:queue:" + INTAKE, "{\"good\":2}", "run", run);

        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        accepted.assertIsSatisfied();

        try (Connection connection = SharedInfrastructure.get().brokerConnection().connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.kis.order.intents"), "run = '" + run + "'");
            Message dead = dlq.receive(10_000);
            assertThat(dead).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) dead).getText()).isEqualTo("poison{");
            assertThat(dead.getStringProperty("x_error_reason")).contains("not valid JSON");
            assertThat(dead.getStringProperty("x_error_route")).isEqualTo("consumeTestIntake");
            assertThat(dead.getStringProperty("x_error_type")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(Instant.parse(dead.getStringProperty("x_failed_at"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(dlq.receive(500)).as("exactly one dead letter").isNull();
        }
    }
}
