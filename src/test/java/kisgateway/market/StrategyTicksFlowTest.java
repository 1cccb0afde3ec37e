package kisgateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kisgateway.app.service.streams.TradeStreamSubscriptions;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.order.OrderState;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ticks for strategies end to end, against the simulator over real WebSocket, JMS and HTTP: two subscribers lease
 * symbols (one over JMS request/reply as the strategy's broker user, one over REST), two JMS consumers with
 * selectors each receive the trades of their symbol only; a symbol both lease is released at KIS only when both
 * left and the hold passed; a lease nobody renews ends and its symbol is released; a request beyond the session's
 * registrations (shared with the risk check's last prices) is refused with the reason, over REST and JMS.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class StrategyTicksFlowTest {

    private static final String TR = "H0STCNT0";
    private static final String LAST_PRICE_SYMBOL = "010140";
    private static GatewayUnderTest gateway;
    private static Connection strategy;
    private static Session session;
    private static TemporaryQueue replies;
    private static MessageConsumer replyConsumer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of(
                "market.ticks.lease-ms", "4000",
                "market.ticks.release-hold-ms", "1000",
                "market.ticks.expiry-check-ms", "100",
                "risk.compliance.order-rate.max-orders", "1000"));
        strategy = gateway.brokerConnectionAs("strategy");
        session = strategy.createSession(false, Session.AUTO_ACKNOWLEDGE);
        replies = session.createTemporaryQueue();
        replyConsumer = session.createConsumer(replies);
        strategy.start();
        var services = gateway.app().services();
        await().atMost(Duration.ofSeconds(30)).until(() -> !services.realtimeSessions().live().isEmpty()
                && services.realtimeSessions().live().values().stream().allMatch(KisRealtimeSession::isLive));
    }

    @AfterAll
    static void stop() throws Exception {
        if (strategy != null) {
            strategy.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void twoSubscribersGetTheirSymbolsOnlyAndASharedSymbolIsReleasedWhenBothLeft() throws Exception {
        List<String> seenA = new CopyOnWriteArrayList<>();
        List<String> seenB = new CopyOnWriteArrayList<>();
        MessageConsumer a = session.createConsumer(session.createTopic("kis.market.ticks"), "symbol = '005930'");
        a.setMessageListener(m -> seenA.add(describe(m)));
        MessageConsumer b = session.createConsumer(session.createTopic("kis.market.ticks"), "symbol = '000660'");
        b.setMessageListener(m -> seenB.add(describe(m)));

        // one subscriber over JMS, the other over REST; both lease 035420 too
        JsonNode overJms = jmsRequest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\",\"035420\"]}");
        assertThat(overJms.path("expiresAt").asText()).isNotEmpty();
        assertThat(overJms.path("selector").asText()).isEqualTo("symbol IN ('005930', '035420')");
        HttpResponse<String> overRest = rest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"b\",\"symbols\":[\"000660\",\"035420\"]}",
                GatewayUnderTest.DEMO_KEY);
        assertThat(overRest.statusCode()).as(overRest.body()).isEqualTo(200);
        assertThat(GatewayUnderTest.json(overRest.body()).path("leaseMs").asLong()).isEqualTo(4000);
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.simulator().wsRegistered(TR, "005930")
                && gateway.simulator().wsRegistered(TR, "000660") && gateway.simulator().wsRegistered(TR, "035420"));

        // trades printed at the simulator reach each consumer for its symbol only, with the properties
        gateway.simulator().market().freeze(true);
        long samsung = gateway.simulator().market().quote("005930").orElseThrow().price();
        long hynix = gateway.simulator().market().quote("000660").orElseThrow().price();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            gateway.simulator().market().print("005930", samsung, 7);
            gateway.simulator().market().print("000660", hynix, 3);
            return seenA.stream().anyMatch(t -> t.contains("\"quantity\":7"))
                    && seenB.stream().anyMatch(t -> t.contains("\"quantity\":3"));
        });
        gateway.simulator().market().freeze(false);
        // the market's own trades come too; every tick's price property is its body's price
        assertThat(seenA).allMatch(t -> t.startsWith("005930 KRX NON_PERSISTENT ")).allMatch(StrategyTicksFlowTest::pricesAgree);
        assertThat(seenB).allMatch(t -> t.startsWith("000660 KRX NON_PERSISTENT ")).allMatch(StrategyTicksFlowTest::pricesAgree);

        // a leaves the shared symbol: b still holds it, so it stays registered
        long releasedBefore = gateway.simulator().wsReleases(TR, "035420");
        assertThat(jmsRequest("{\"action\":\"UNSUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\",\"035420\"]}")
                .path("action").asText()).isEqualTo("UNSUBSCRIBE");
        HttpResponse<String> left = rest("{\"action\":\"UNSUBSCRIBE\",\"subscriber\":\"b\",\"symbols\":[\"035420\"]}",
                GatewayUnderTest.DEMO_KEY);
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        long leftAt = System.nanoTime();
        // both left: released after the hold, not before, and the simulator saw the release frame
        assertThat(gateway.simulator().wsRegistered(TR, "035420")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.simulator().wsRegistered(TR, "035420"));
        assertThat(Duration.ofNanos(System.nanoTime() - leftAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(gateway.simulator().wsReleases(TR, "035420")).isEqualTo(releasedBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.simulator().wsRegistered(TR, "005930"));
        a.close();
        b.close();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aLeaseNobodyRenewsEndsAndItsSymbolIsReleased() throws Exception {
        JsonNode granted = jmsRequest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"gone\",\"symbols\":[\"051910\"]}");
        assertThat(granted.path("symbols").get(0).asText()).isEqualTo("051910");
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.simulator().wsRegistered(TR, "051910"));
        // lease 4 s, hold 1 s: gone within 5 s and a round, and its row with it
        await().atMost(Duration.ofSeconds(12)).until(() -> !gateway.simulator().wsRegistered(TR, "051910"));
        assertThat(gateway.simulator().wsReleases(TR, "051910")).isEqualTo(1);
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var rs = c.createStatement().executeQuery("select count(*) from tick_leases where symbol = '051910'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    /** Last: the registrations it fills are held, and released at most market.ticks.max-releases-per-minute. */
    @Test
    @org.junit.jupiter.api.Order(3)
    void aRequestBeyondTheRegistrationsSharedWithTheLastPricesIsRefusedWithTheReason() throws Exception {
        TradeStreamSubscriptions stream = gateway.app().services().bean("tradeStreamSubscriptions");
        // the risk check streams a symbol an order asked about; a strategy leasing it takes no second registration
        assertThat(placeRestingBuy()).isEqualTo(OrderState.ACKED);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.symbols().contains(LAST_PRICE_SYMBOL));
        int before = stream.registered().size();
        assertThat(jmsRequest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"full\",\"symbols\":[\"" + LAST_PRICE_SYMBOL
                + "\"]}").path("symbols").size()).isEqualTo(1);
        assertThat(stream.registered()).hasSize(before);

        // fill every registration left (40 a session besides the notice), then ask for one more
        List<String> filler = new ArrayList<>();
        for (int i = 0; filler.size() < 40 - before; i++) {
            String symbol = String.format("9%05d", i);
            if (!stream.registered().contains(symbol)) {
                filler.add(symbol);
            }
        }
        HttpResponse<String> fills = rest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"full\",\"symbols\":["
                + String.join(",", filler.stream().map(s -> "\"" + s + "\"").toList()) + "]}", GatewayUnderTest.DEMO_KEY);
        assertThat(fills.statusCode()).as(fills.body()).isEqualTo(200);
        HttpResponse<String> refused = rest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"more\",\"symbols\":[\"999999\"]}",
                GatewayUnderTest.DEMO_KEY);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(GatewayUnderTest.json(refused.body()).path("error").asText())
                .contains("[999999]", "0 free of the 40", "1 stream last prices");
        JsonNode refusedOverJms = jmsRequest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"more\",\"symbols\":[\"999998\"]}");
        assertThat(refusedOverJms.path("status").asInt()).isEqualTo(409);
        assertThat(refusedOverJms.path("error").asText()).contains("[999998]");
        assertThat(gateway.simulator().wsRegistered(TR, "999999")).isFalse();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.app().config().require("gateway.http.port") + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("kis_market_trade_registrations 40.0")
                .contains("kis_market_ticks_leased_symbols");

        // and a request without credentials, or naming another strategy, is refused too
        assertThat(rest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"x\",\"symbols\":[\"005930\"]}", null).statusCode())
                .isEqualTo(401);
        assertThat(jmsRequest("{\"action\":\"SUBSCRIBE\",\"subscriber\":\"x\",\"symbols\":[\"005930\"],"
                + "\"strategyId\":\"other\"}").path("status").asInt()).isEqualTo(403);
    }

    /** A request on kis.market.tick-subscriptions as the strategy's broker user; the answer from its reply queue. */
    private static JsonNode jmsRequest(String body) throws Exception {
        try (MessageProducer producer = session.createProducer(session.createQueue("kis.market.tick-subscriptions"))) {
            TextMessage request = session.createTextMessage(body);
            request.setJMSReplyTo(replies);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(request);
        }
        Message answer = replyConsumer.receive(10_000);
        assertThat(answer).as("an answer to " + body).isNotNull();
        JsonNode json = GatewayUnderTest.json(((TextMessage) answer).getText());
        assertThat(answer.getIntProperty("status")).isEqualTo(json.has("status") ? json.path("status").asInt() : 200);
        if (json.has("error")) {
            assertThat(answer.getStringProperty("x_error_reason")).isEqualTo(json.path("error").asText());
        }
        return json;
    }

    private HttpResponse<String> rest(String body, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + gateway.app().config().require("gateway.http.port") + "/api/market/tick-subscriptions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "symbol exchange mode price json": the price property and the body's price are one. */
    private static boolean pricesAgree(String described) {
        String[] parts = described.split(" ", 5);
        return parts[4].contains("\"price\":\"" + parts[3] + "\"");
    }

    private static String describe(Message m) {
        try {
            return m.getStringProperty("symbol") + " " + m.getStringProperty("exchange") + " "
                    + (m.getJMSDeliveryMode() == DeliveryMode.NON_PERSISTENT ? "NON_PERSISTENT" : "PERSISTENT") + " "
                    + m.getObjectProperty("price") + " " + ((TextMessage) m).getText();
        } catch (Exception e) {
            return "unreadable " + e;
        }
    }

    private static OrderState placeRestingBuy() throws Exception {
        long price = gateway.simulator().market().quote(LAST_PRICE_SYMBOL).orElseThrow().price();
        long limit = (long) (price * 0.97) / 10 * 10;
        String client = "tk-" + UUID.randomUUID().toString().substring(0, 8);
        var r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + LAST_PRICE_SYMBOL + "\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\","
                + "\"price\":\"" + limit + "\",\"timeToLiveMs\":10000}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.order(client).state().equals(OrderState.SUBMITTED)
                && !gateway.order(client).state().equals(OrderState.INTENT_CREATED));
        return gateway.order(client).state();
    }
}
