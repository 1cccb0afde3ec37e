package kisgateway.ops.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import kisgateway.app.wiring.GatewayInfrastructure;
import kisgateway.app.logging.SecretMask;
import kisgateway.app.service.jobs.TicketPublishing;
import kisgateway.risk.MutableClock;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident tool's webhook, a real HTTP server on 127.0.0.1: down for a while, every ticket change is
 * delivered once after it is back, in each ticket's order; never back, each change is dead-lettered after the
 * last try with the reason, the secret nowhere but in the Authorization header.
 */
class TicketWebhookDeliveriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-" + UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private final GatewayInfrastructure infrastructure = SharedInfrastructure.get();
    private final DataSource dataSource = infrastructure.dataSource().dataSource();
    private final TicketRecords records = new TicketRecords(dataSource);
    private final MutableClock clock = new MutableClock(T0);
    private final String account = "wh-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger answer = new AtomicInteger(503);
    /** What the tool got: Idempotency-Key, version and change of each POST it answered 2xx. */
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startTheTool() throws Exception {
        SecretMask.register(SECRET);
        records.finishEveryWebhookDelivery();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/tickets", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                posts.incrementAndGet();
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                int status = answer.get();
                if (status < 300) {
                    var json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                    ContractSchemas.assertValid("ops-ticket.schema.json", json.toString());
                    accepted.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                            + json.path("change").asText());
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stopTheTool() {
        server.stop(0);
        SecretMask.forget(SECRET);
    }

    private TicketWebhookDeliveries deliveries(TicketPublishing publishing, int maxAttempts) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/tickets");
        return new TicketWebhookDeliveries(dataSource, new HttpWebhookTransport(url, SECRET, Duration.ofSeconds(2),
                Duration.ofSeconds(2)), publishing, new RetryBackoff(maxAttempts, Duration.ofSeconds(5),
                Duration.ofSeconds(40)), clock);
    }

    private TicketPublishing publishing(Clock c) {
        return new TicketPublishing(new TicketOutbox(dataSource, c),
                infrastructure.brokerConnection().connectionFactory(), 100, c);
    }

    @Test
    void aToolDownForAWhileGetsEveryChangeOnceAfterItIsBack() throws Exception {
        BreakTickets tickets = new BreakTickets(dataSource, clock, true);
        long a = records.openBreak(account, "POSITION_QUANTITY", "005930", T0, "{\"quantity\":\"7\"}");
        long b = records.openBreak(account, "CASH", "cash", T0, "{\"cash\":\"1\"}");
        tickets.sync(account, Map.of());
        records.resolve(a, T0.plusSeconds(30));
        tickets.sync(account, Map.of());

        try (TicketPublishing publishing = publishing(clock)) {
            TicketWebhookDeliveries webhook = deliveries(publishing, 8);
            // down: the first tries fail and back off; nothing is posted again before its wait is over
            TicketWebhookDeliveries.Round first = webhook.deliverDue(50);
            assertThat(first.failed()).isEqualTo(2); // a's CLOSED waits behind a's OPENED
            assertThat(webhook.deliverDue(50).failed()).isZero();
            clock.advance(Duration.ofSeconds(5));
            assertThat(webhook.deliverDue(50).failed()).isEqualTo(2);

            answer.set(204);
            clock.advance(Duration.ofSeconds(10));
            assertThat(webhook.deliverDue(50).delivered()).isEqualTo(3);
            assertThat(webhook.deliverDue(50)).isEqualTo(new TicketWebhookDeliveries.Round(0, 0, 0));
            clock.advance(Duration.ofHours(1));
            assertThat(webhook.deliverDue(50)).isEqualTo(new TicketWebhookDeliveries.Round(0, 0, 0));
        }
        long ticketA = ticketId(a);
        long ticketB = ticketId(b);
        assertThat(accepted).containsExactlyInAnyOrder("ticket-" + ticketA + "-v1 OPENED",
                "ticket-" + ticketA + "-v2 CLOSED", "ticket-" + ticketB + "-v1 OPENED");
        assertThat(accepted.indexOf("ticket-" + ticketA + "-v1 OPENED"))
                .isLessThan(accepted.indexOf("ticket-" + ticketA + "-v2 CLOSED"));
        assertThat(posts.get()).isEqualTo(4 + 3);
        assertThat(authorizations).containsOnly("Bearer " + SECRET);
        assertThat(records.webhookOutcomes(account)).containsExactly("DELIVERED/3", "DELIVERED/3", "DELIVERED/1");
    }

    @Test
    void aToolThatNeverComesBackGetsEachChangeDeadLetteredAfterTheLastTry() throws Exception {
        answer.set(500);
        new BreakTickets(dataSource, clock, true).sync(account, Map.of());
        long a = records.openBreak(account, "FILL_PRICE", "order-9", T0, "{\"price\":\"70100\"}");
        new BreakTickets(dataSource, clock, true).sync(account, Map.of());

        try (TicketPublishing publishing = publishing(clock);
             Connection c = infrastructure.brokerConnection().connectionFactory().createConnection()) {
            TicketWebhookDeliveries webhook = deliveries(publishing, 3);
            assertThat(webhook.deliverDue(50).failed()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(5));
            assertThat(webhook.deliverDue(50).failed()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(9));
            assertThat(webhook.deliverDue(50).deadLettered()).isZero(); // the second wait is 10 s
            clock.advance(Duration.ofSeconds(1));
            assertThat(webhook.deliverDue(50).deadLettered()).isEqualTo(1);
            clock.advance(Duration.ofHours(1));
            assertThat(webhook.deliverDue(50)).isEqualTo(new TicketWebhookDeliveries.Round(0, 0, 0));

            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dead = s.createConsumer(s.createQueue(TicketPublishing.DEAD_LETTERS),
                    "account = '" + account + "'");
            TextMessage m = (TextMessage) dead.receive(5_000);
            assertThat(m).isNotNull();
            assertThat(m.getStringProperty("x_error_reason")).isEqualTo("webhook answered HTTP 500 (3 tries)");
            assertThat(m.getStringProperty("x_error_route")).isEqualTo("deliverTicketWebhooks");
            assertThat(m.getStringProperty("x_failed_at")).isNotBlank();
            assertThat(m.getStringProperty("x_error_type")).isEqualTo(WebhookDeliveryFailed.class.getName());
            ContractSchemas.assertValid("ops-ticket.schema.json", m.getText());
            assertThat(JSON.readTree(m.getText()).path("breakId").asLong()).isEqualTo(a);
            assertThat(m.getText()).doesNotContain(SECRET);
            assertThat(dead.receive(200)).isNull();
        }
        assertThat(posts.get()).isEqualTo(3);
        assertThat(accepted).isEmpty();
        assertThat(records.webhookOutcomes(account)).containsExactly("DEAD_LETTERED/3");
    }

    private long ticketId(long breakId) throws Exception {
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("select ticket_id from ops_tickets where break_id = ?")) {
            ps.setLong(1, breakId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
