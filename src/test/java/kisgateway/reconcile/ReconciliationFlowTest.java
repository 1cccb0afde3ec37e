package kisgateway.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation end to end against the simulator: each kind of drift is created through the simulator's admin
 * API and found, settled or raised as a break with its evidence; a clean day has no break; the day's report is
 * a self-contained page whose numbers are the CSV's.
 */
class ReconciliationFlowTest {

    private static final String CANO = "50000001";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode post(GatewayUnderTest gateway, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.app().config().require("gateway.http.port") + path)).header("Authorization", OPERATOR)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GatewayUnderTest.json(r.body());
    }

    private static String buy(GatewayUnderTest gateway, String symbol, long qty, String type, Long price) throws Exception {
        String client = id("rc");
        HttpResponse<String> r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\","
                + "\"strategyId\":\"demo\",\"symbol\":\"" + symbol + "\",\"side\":\"BUY\",\"quantity\":" + qty
                + ",\"orderType\":\"" + type + "\"" + (price == null ? "" : ",\"price\":\"" + price + "\"") + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return client;
    }

    private static void awaitReady(GatewayUnderTest gateway) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            HttpResponse<String> health = gateway.get("/q/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.app().services().realtimeSessions().live().values()
                .stream().anyMatch(s -> s.isLive()));
        // the backfill every connect asks for has run: left pending, it could find a fill before the reconciliation
        // a test means to find it with (and the order would be FILLED before the test saw it ACKED)
        NoticeStreamWatch watch = gateway.app().services().bean("noticeStreamWatch");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                watch.checks("sim", NoticeStreamWatch.Outcome.CLEAN) + watch.checks("sim", NoticeStreamWatch.Outcome.GAP) > 0);
    }

    private static void receiveTickets(MessageConsumer queue, List<JsonNode> into) throws Exception {
        TextMessage m;
        while ((m = (TextMessage) queue.receive(200)) != null) {
            kisgateway.testing.ContractSchemas.assertValid("ops-ticket.schema.json", m.getText());
            into.add(GatewayUnderTest.json(m.getText()));
        }
    }

    @Test
    void aCleanDayHasNoBreakAndItsReportSaysSoWithTheCsvNumbers() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of())) {
            awaitReady(gateway);
            String a = buy(gateway, "005930", 5, "01", null);
            String b = buy(gateway, "000660", 2, "01", null);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(gateway.order(a).state()).isEqualTo(OrderState.FILLED);
                assertThat(gateway.order(b).state()).isEqualTo(OrderState.FILLED);
            });
            JsonNode runs = post(gateway, "/api/admin/reconciliations");
            assertThat(runs.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(runs.get(0).path("clean").asBoolean()).as(runs.toString()).isTrue();
            assertThat(runs.get(0).path("breaksOpened").asInt()).isZero();

            // traded after the last run: the report compares with the broker as it is now, not as the run saw it
            String c = buy(gateway, "035720", 3, "01", null);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(gateway.order(c).state()).isEqualTo(OrderState.FILLED));

            JsonNode summary = post(gateway, "/api/admin/reports");
            assertThat(summary.path("clean").asBoolean()).as(summary.toString()).isTrue();
            assertThat(summary.path("mttrSeconds").isNull()).as("no break resolved today").isTrue();
            assertThat(Files.readAllLines(Path.of(summary.path("html").asText()).resolveSibling("positions.csv")))
                    .anySatisfy(line -> assertThat(line).startsWith("sim,035720,3,3,"));
            kisgateway.testing.ContractSchemas.assertValid("recon-report.schema.json", summary.toString());
            Path html = Path.of(summary.path("html").asText());
            Document page = Jsoup.parse(Files.readString(html));
            assertThat(page.select("script")).isEmpty();
            assertThat(page.select("[src~=^https?:], link[href~=^https?:]")).isEmpty();
            assertThat(page.select("svg")).isNotEmpty();
            assertThat(page.text()).contains("clean");
            // the fills table of the page and fills.csv hold the same numbers
            List<String> csv = Files.readAllLines(html.resolveSibling("fills.csv"), StandardCharsets.UTF_8);
            assertThat(csv).hasSizeGreaterThan(1);
            String pageText = page.text();
            for (String line : csv.subList(1, csv.size())) {
                for (String cell : line.split(",")) {
                    assertThat(pageText).contains(cell.replace("\"", ""));
                }
            }
        }
    }

    @Test
    void everyKindOfDriftIsFoundSettledOrRaisedWithItsEvidence() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                "kis.rest.request-timeout-ms", "1500",
                "reconcile.in-flight-grace-ms", "1000",
                "fills.silence-backfill-seconds", "600"))) {
            awaitReady(gateway);
            gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
            try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer breaks = s.createConsumer(s.createQueue("kis.recon.breaks"));
                MessageConsumer ticketQueue = s.createConsumer(s.createQueue("kis.ops.tickets"));

                // 1. a fill the stream never delivered
                gateway.simAdmin("POST", "/faults/notices/suppress-fills", "{\"cano\":\"" + CANO + "\",\"count\":1}");
                String unseen = buy(gateway, "035420", 3, "01", null);
                // 2. an order KIS accepted while the gateway timed out
                gateway.simAdmin("POST", "/faults/rest/ambiguous-orders", "{\"count\":1,\"mode\":\"drop\"}");
                String ambiguous = buy(gateway, "005380", 2, "01", null);
                assertThat(gateway.order(ambiguous).state()).isEqualTo(OrderState.RECONCILE_REQUIRED);
                // 3. an order placed outside the gateway
                JsonNode outside = GatewayUnderTest.json(gateway.simAdmin("POST", "/accounts/" + CANO + "/orders",
                        "{\"symbol\":\"068270\",\"side\":\"buy\",\"qty\":4,\"price\":0,\"ordDvsn\":\"01\"}"));
                // 4. a position changed outside (a transfer in)
                gateway.simAdmin("PUT", "/accounts/" + CANO + "/positions/015760", "{\"qty\":50,\"avgPrice\":22000}");
                // 5. cash drift (a withdrawal the gateway knows nothing of)
                gateway.simAdmin("POST", "/accounts/" + CANO + "/cash", "{\"delta\":-250000}");

                await().atMost(Duration.ofSeconds(10)).until(() -> gateway.order(unseen).state() == OrderState.ACKED);
                Thread.sleep(1_200); // past the in-flight grace of the ambiguous order (a time rule, not a race)
                JsonNode run = post(gateway, "/api/admin/reconciliations").get(0);
                assertThat(run.path("outcome").asText()).isEqualTo("SUCCEEDED");

                // settled with evidence
                OrderRecord settledUnseen = gateway.order(unseen);
                assertThat(settledUnseen.state()).isEqualTo(OrderState.FILLED);
                assertThat(settledUnseen.filledQuantity()).isEqualTo(3);
                OrderRecord settledAmbiguous = gateway.order(ambiguous);
                assertThat(settledAmbiguous.state()).isEqualTo(OrderState.FILLED);
                assertThat(settledAmbiguous.kisOrderNo()).isNotBlank();
                // recorded as external, with its fills
                String outsideOdno = outside.findPath("odno").asText();
                assertThat(gateway.orders().byKisOrderNo("sim", outsideOdno))
                        .hasValueSatisfying(o -> assertThat(o.origin()).isEqualTo("EXTERNAL"));

                // raised as breaks, on the queue with both sides' evidence
                List<JsonNode> published = new ArrayList<>();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    TextMessage m;
                    while ((m = (TextMessage) breaks.receive(200)) != null) {
                        kisgateway.testing.ContractSchemas.assertValid("recon-break.schema.json", m.getText());
                        published.add(GatewayUnderTest.json(m.getText()));
                    }
                    assertThat(published).extracting(b -> b.path("kind").asText()).contains("POSITION_QUANTITY", "CASH");
                });
                JsonNode position = published.stream().filter(b -> b.path("kind").asText().equals("POSITION_QUANTITY")).findFirst().orElseThrow();
                assertThat(position.path("subject").asText()).isEqualTo("015760");
                assertThat(position.path("broker").toString()).contains("50");
                assertThat(position.path("local").toString()).isNotEmpty();
                JsonNode cash = published.stream().filter(b -> b.path("kind").asText().equals("CASH")).findFirst().orElseThrow();
                assertThat(cash.path("broker").toString() + cash.path("local")).isNotBlank();

                // each break opened one ticket, with its evidence
                List<JsonNode> tickets = new ArrayList<>();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    receiveTickets(ticketQueue, tickets);
                    assertThat(tickets).extracting(t -> t.path("breakId").asLong())
                            .containsExactlyInAnyOrderElementsOf(published.stream().map(b -> b.path("breakId").asLong()).toList());
                });
                assertThat(tickets).allSatisfy(t -> assertThat(t.path("change").asText()).isEqualTo("OPENED"));
                JsonNode positionTicket = tickets.stream().filter(t -> t.path("breakId").asLong()
                        == position.path("breakId").asLong()).findFirst().orElseThrow();
                assertThat(positionTicket.path("broker")).isEqualTo(position.path("broker"));

                // a break stays open across runs until the drift goes away, and is then resolved
                JsonNode again = post(gateway, "/api/admin/reconciliations").get(0);
                assertThat(again.path("breaksStillOpen").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(again.path("breaksOpened").asInt()).isZero();
                gateway.simAdmin("PUT", "/accounts/" + CANO + "/positions/015760", "{\"qty\":0,\"avgPrice\":0}");
                JsonNode resolved = post(gateway, "/api/admin/reconciliations").get(0);
                assertThat(resolved.path("breaksResolved").asInt()).isGreaterThanOrEqualTo(1);

                // no second ticket for a break; the settled one's ticket closed with its time to resolve
                List<JsonNode> later = new ArrayList<>();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    receiveTickets(ticketQueue, later);
                    assertThat(later).anySatisfy(t -> {
                        assertThat(t.path("ticketId")).isEqualTo(positionTicket.path("ticketId"));
                        assertThat(t.path("change").asText()).isEqualTo("CLOSED");
                        assertThat(t.path("timeToResolveSeconds").asDouble()).isPositive();
                    });
                });
                assertThat(later).noneSatisfy(t -> assertThat(t.path("change").asText()).isEqualTo("OPENED"));
                assertThat(later).extracting(t -> t.path("ticketId").asLong())
                        .isSubsetOf(tickets.stream().map(t -> t.path("ticketId").asLong()).toList());

                JsonNode summary = post(gateway, "/api/admin/reports");
                assertThat(summary.path("clean").asBoolean()).isFalse();
                kisgateway.testing.ContractSchemas.assertValid("recon-report.schema.json", summary.toString());
                assertThat(summary.path("mttrSeconds").asDouble()).isPositive();
                Document page = Jsoup.parse(Files.readString(Path.of(summary.path("html").asText())));
                Element body = page.body();
                assertThat(body.text()).contains("CASH");
            }
        }
    }
}
