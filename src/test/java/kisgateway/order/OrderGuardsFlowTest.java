package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.management.ObjectName;
import kisgateway.sim.trading.OrderView;
import kisgateway.testing.GatewayUnderTest;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order flow's guards end to end, on a gateway of their own with tight settings (the shared flow test opens
 * them wide): the circuit breaker, the compliance guards and the quantity limit as they deny through the routes,
 * a strategy kept to its accounts, and the kill switches over JMX. Real routes, Artemis, PostgreSQL and the KIS
 * simulator over HTTP. Each test trades its own symbols: the guards count per account and symbol.
 */
class OrderGuardsFlowTest {

    private static final String ALPHA_KEY = "alpha-test-key";
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.ofEntries(
                // alpha sends its JMS intents as the embedded broker's strategy user (demo then has none)
                Map.entry("gateway.strategy.demo.broker-user", ""),
                Map.entry("gateway.strategy.alpha.broker-user", "strategy"),
                Map.entry("kis.rest.request-timeout-ms", "1500"),
                Map.entry("orders.breaker.sliding-window-size", "4"),
                Map.entry("orders.breaker.minimum-number-of-calls", "4"),
                Map.entry("orders.breaker.failure-rate-threshold", "50"),
                Map.entry("orders.breaker.wait-seconds-open", "5"),
                Map.entry("orders.breaker.half-open-calls", "1"),
                Map.entry("risk.limits.max-order-quantity", "50"),
                Map.entry("risk.compliance.order-rate.max-orders", "3"),
                Map.entry("risk.compliance.cancel-replace-burst.max-requests", "2"),
                Map.entry("risk.compliance.quote-pattern.max-cycles", "1"),
                Map.entry("sim.demo-accounts", "3"),
                Map.entry("risk.limits.max-position-quantity", "60"),
                // per account: sim2's exposure and sim3's daily loss are tested on them alone
                Map.entry("risk.limits.account.sim2.max-gross-exposure-krw", "1000000"),
                Map.entry("risk.limits.account.sim3.daily-loss-cap-krw", "500"),
                Map.entry("gateway.strategies", "demo,alpha"),
                Map.entry("gateway.strategy.alpha.accounts", "sim2"),
                // SHA-256 of ALPHA_KEY
                Map.entry("gateway.strategy.alpha.api-key-sha256",
                        "bdafe07180d38ccf86d0f8a9e41ac4c01b0f66e3744b8c9073664315d349f21c")));
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clearFaults() throws Exception {
        gateway.simAdmin("POST", "/faults/reset", null);
    }

    @Test
    void anOpenBreakerRefusesNewOrdersAtOnceAndLetsCancelsThrough() throws Exception {
        String resting = id("brk-rest");
        post(buy("051910", resting, 1, away("051910", -4)));
        awaitState(resting, OrderState.ACKED);

        // three sends fail at KIS's gateway: with the resting order's success, 3 of the last 4 failed
        gateway.simAdmin("POST", "/faults/rest/fail", "{\"count\":3,\"status\":500,\"pathContains\":\"order-cash\"}");
        for (int i = 0; i < 3; i++) {
            JsonNode failed = post(buy("035720", id("brk-fail"), 1, away("035720", -4)));
            assertThat(failed.path("state").asText()).isIn("RECONCILE_REQUIRED", "REJECTED", "DENIED");
        }
        assertThat(breakerState()).isEqualTo("OPEN");

        int kisOrdersBefore = kisOrders("015760").size();
        String refused = id("brk-open");
        JsonNode answer = post(buy("015760", refused, 1, away("015760", -4)));
        assertThat(answer.path("state").asText()).isEqualTo("DENIED");
        assertThat(answer.path("rejectCode").asText()).isEqualTo("CIRCUIT_OPEN");
        assertThat(answer.path("rejectReason").asText()).contains("circuit breaker is open");
        assertThat(gateway.orderStates(gateway.order(refused).orderId())).as("never submitted, never queued")
                .containsExactly("INTENT_CREATED", "DENIED");
        assertThat(kisOrders("015760")).hasSize(kisOrdersBefore);

        // a cancel does not go through the order breaker: it still reaches KIS while the breaker is open
        assertThat(breakerState()).isEqualTo("OPEN");
        JsonNode cancel = post(cancel(id("brk-cxl"), resting));
        assertThat(cancel.path("state").asText()).isEqualTo("CANCELED");

        // after its wait the breaker lets one real order probe, and closes on its success
        await().atMost(Duration.ofSeconds(15)).until(() -> "HALF_OPEN".equals(breakerState()));
        String probe = id("brk-probe");
        assertThat(post(buy("010140", probe, 1, away("010140", -4))).path("state").asText()).isEqualTo("ACKED");
        assertThat(breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void theOrderRateGuardDeniesTheFourthOrderOnASymbolAndRaisesAnAlert() throws Exception {
        String symbol = "001510";
        long alertsBefore = alerts(symbol, "ORDER_RATE");
        for (int i = 0; i < 3; i++) {
            assertThat(post(buy(symbol, id("rate"), 1, away(symbol, -4 - i))).path("state").asText()).isEqualTo("ACKED");
        }
        int kisOrdersBefore = kisOrders(symbol).size();
        JsonNode fourth = post(buy(symbol, id("rate"), 1, away(symbol, -8)));
        assertThat(fourth.path("state").asText()).isEqualTo("DENIED");
        assertThat(fourth.path("rejectCode").asText()).isEqualTo("ORDER_RATE");
        assertThat(kisOrders(symbol)).hasSize(kisOrdersBefore);
        assertThat(alerts(symbol, "ORDER_RATE")).isEqualTo(alertsBefore + 1);
    }

    @Test
    void theCancelReplaceBurstGuardRefusesTheThirdWithdrawalOnASymbolAndRaisesAnAlert() throws Exception {
        String symbol = "005380";
        List<String> resting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String client = id("burst");
            post(buy(symbol, client, 1, away(symbol, -4 - i)));
            awaitState(client, OrderState.ACKED);
            resting.add(client);
        }
        long alertsBefore = alerts(symbol, "CANCEL_REPLACE_BURST");
        assertThat(post(cancel(id("burst-cxl"), resting.get(0))).path("state").asText()).isEqualTo("CANCELED");
        assertThat(post(cancel(id("burst-cxl"), resting.get(1))).path("state").asText()).isEqualTo("CANCELED");

        HttpResponse<String> third = gateway.postIntent(cancel(id("burst-cxl"), resting.get(2)));
        assertThat(third.statusCode()).as(third.body()).isEqualTo(403);
        assertThat(GatewayUnderTest.json(third.body()).path("rule").asText()).isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(gateway.order(resting.get(2)).state()).isEqualTo(OrderState.ACKED);
        assertThat(kisOrders(symbol)).filteredOn(o -> o.odno().equals(gateway.order(resting.get(2)).kisOrderNo()))
                .singleElement().satisfies(o -> assertThat(o.remainingQty()).isEqualTo(1));
        assertThat(alerts(symbol, "CANCEL_REPLACE_BURST")).isEqualTo(alertsBefore + 1);
    }

    @Test
    void aQuotePlacedAgainAfterItsWithdrawalIsDeniedAsAQuotePatternAndRaisesAnAlert() throws Exception {
        String symbol = "035420";
        long price = away(symbol, -4);
        String first = id("quote");
        post(buy(symbol, first, 1, price));
        awaitState(first, OrderState.ACKED);
        assertThat(post(cancel(id("quote-cxl"), first)).path("state").asText()).isEqualTo("CANCELED");
        long alertsBefore = alerts(symbol, "QUOTE_PATTERN");

        JsonNode again = post(buy(symbol, id("quote"), 1, price));
        assertThat(again.path("state").asText()).isEqualTo("DENIED");
        assertThat(again.path("rejectCode").asText()).isEqualTo("QUOTE_PATTERN");
        assertThat(alerts(symbol, "QUOTE_PATTERN")).isEqualTo(alertsBefore + 1);
        // another price is another quote
        assertThat(post(buy(symbol, id("quote"), 1, away(symbol, -5))).path("state").asText()).isEqualTo("ACKED");
    }

    @Test
    void aSelfCrossIsDeniedAndRaisedForReview() throws Exception {
        String symbol = "105560";
        String resting = id("cross-rest");
        long price = away(symbol, -4);
        post(buy(symbol, resting, 1, price));
        awaitState(resting, OrderState.ACKED);
        long alertsBefore = alerts(symbol, "SELF_CROSS");
        JsonNode answer = post(order(symbol, id("cross"), "SELL", 1, "00", price));
        assertThat(answer.path("rejectCode").asText()).isEqualTo("SELF_CROSS");
        assertThat(alerts(symbol, "SELF_CROSS")).isEqualTo(alertsBefore + 1);
    }

    @Test
    void anOrderOverTheQuantityLimitIsDenied() throws Exception {
        String symbol = "068270";
        int kisOrdersBefore = kisOrders(symbol).size();
        JsonNode answer = post(buy(symbol, id("qty"), 51, away(symbol, -4)));
        assertThat(answer.path("state").asText()).isEqualTo("DENIED");
        assertThat(answer.path("rejectCode").asText()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(kisOrders(symbol)).hasSize(kisOrdersBefore);
        assertThat(post(buy(symbol, id("qty"), 50, away(symbol, -4))).path("state").asText()).isEqualTo("ACKED");
    }

    @Test
    void aBuyThatWouldTakeThePositionPastItsLimitIsDenied() throws Exception {
        String symbol = "015760";
        String resting = id("pos");
        post(buy(symbol, resting, 40, away(symbol, -4)));
        awaitState(resting, OrderState.ACKED);
        int kisOrdersBefore = kisOrders(symbol).size();
        // the working 40 count: 0 held + 40 working + 30 > 60
        JsonNode answer = post(buy(symbol, id("pos"), 30, away(symbol, -4)));
        assertThat(answer.path("state").asText()).isEqualTo("DENIED");
        assertThat(answer.path("rejectCode").asText()).isEqualTo("MAX_POSITION");
        assertThat(kisOrders(symbol)).hasSize(kisOrdersBefore);
        assertThat(post(buy(symbol, id("pos"), 20, away(symbol, -4))).path("state").asText()).isEqualTo("ACKED");
    }

    @Test
    void aBuyThatWouldTakeTheAccountsGrossExposurePastItsLimitIsDenied() throws Exception {
        String symbol = "005930";
        long price = away(symbol, -4);
        long quantity = 1_000_000 / price + 1;
        assertThat(quantity).as("a price that makes 1,000,000 KRW within the quantity limit").isLessThanOrEqualTo(50);
        JsonNode answer = post(on("sim2", order(symbol, id("gross"), "BUY", quantity, "00", price)));
        assertThat(answer.path("state").asText()).isEqualTo("DENIED");
        assertThat(answer.path("rejectCode").asText()).isEqualTo("MAX_GROSS_EXPOSURE");
        assertThat(post(on("sim2", order(symbol, id("gross"), "BUY", 1, "00", price))).path("state").asText())
                .isEqualTo("ACKED");
    }

    @Test
    void pastTheDailyLossCapOnlyRiskReducingOrdersPass() throws Exception {
        String symbol = "068270";
        String bought = id("loss");
        long before = last(symbol);
        post(on("sim3", order(symbol, bought, "BUY", 10, "01", null)));
        awaitState(bought, OrderState.FILLED);
        // the market trades 10 ticks lower: the 10 shares lose more than the 500 KRW cap
        long lower = away(symbol, -10);
        assertThat((before - lower) * 10).isGreaterThan(500);
        gateway.simAdmin("POST", "/market/print", "{\"symbol\":\"" + symbol + "\",\"price\":" + lower + ",\"qty\":1}");
        var prices = gateway.app().services().<MarketPrices>bean("marketPrices");
        await().atMost(Duration.ofSeconds(15)).until(() -> prices.last(symbol)
                .map(p -> p.compareTo(java.math.BigDecimal.valueOf(lower)) == 0).orElse(false));

        JsonNode more = post(on("sim3", order(symbol, id("loss"), "BUY", 1, "00", lower)));
        assertThat(more.path("state").asText()).isEqualTo("DENIED");
        assertThat(more.path("rejectCode").asText()).isEqualTo("DAILY_LOSS_CAP");
        JsonNode reduce = post(on("sim3", order(symbol, id("loss"), "SELL", 5, "00", lower + 20 * tick(lower))));
        assertThat(reduce.path("state").asText()).as(reduce.toString()).isEqualTo("ACKED");
    }

    @Test
    void aStrategyTradesOnlyTheAccountsItIsAllowed() throws Exception {
        String symbol = "000660";
        String onItsAccount = order(symbol, id("alpha"), "BUY", 1, "00", away(symbol, -4))
                .replace("\"account\":\"sim\"", "\"account\":\"sim2\"").replace("\"strategyId\":\"demo\"", "\"strategyId\":\"alpha\"");
        HttpResponse<String> allowed = gateway.postIntent(onItsAccount, ALPHA_KEY);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(GatewayUnderTest.json(allowed.body()).path("state").asText()).isEqualTo("ACKED");

        String offItsAccount = order(symbol, id("alpha"), "BUY", 1, "00", away(symbol, -4))
                .replace("\"strategyId\":\"demo\"", "\"strategyId\":\"alpha\"");
        HttpResponse<String> refused = gateway.postIntent(offItsAccount, ALPHA_KEY);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("may not trade account 'sim'");
        assertThat(gateway.orders().byClientOrderId("alpha", clientIdOf(offItsAccount))).isEmpty();

        // over JMS the strategy named in the intent is held to its accounts the same way: dead-lettered, not traded
        String marker = id("alpha-jms");
        String overJms = order(symbol, marker, "BUY", 1, "00", away(symbol, -4))
                .replace("\"strategyId\":\"demo\"", "\"strategyId\":\"alpha\"");
        gateway.sendJms("kis.order.intents", overJms, Map.of("marker", marker));
        try (Connection c = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ.kis.order.intents"), "marker = '" + marker + "'");
            jakarta.jms.Message m = dlq.receive(10_000);
            assertThat(m).isNotNull();
            assertThat(m.getStringProperty("x_error_reason")).contains("may not trade account 'sim'");
            assertThat(m).as("the intent itself, as it came").isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) m).getText()).isEqualTo(overJms);
        }
        assertThat(gateway.orders().byClientOrderId("alpha", marker)).isEmpty();
    }

    @Test
    void theKillSwitchesMoveOverJmxPersistedAndAudited() throws Exception {
        String symbol = "005930";
        ObjectName name = new ObjectName("kisgateway:type=TradingStates");
        var jmx = ManagementFactory.getPlatformMBeanServer();
        String[] signature = {String.class.getName(), String.class.getName(), String.class.getName()};
        jmx.invoke(name, "halt", new Object[]{"STRATEGY", "demo", "jmx test"}, signature);
        try {
            assertThat(row("select state || '/' || changed_by from trading_states where scope = 'STRATEGY' "
                    + "and scope_key = 'demo'")).isEqualTo("HALTED/jmx");
            assertThat(row("select count(*) from audit_log where actor = 'jmx' and detail::text like '%\"jmx test\"%'"))
                    .isNotEqualTo("0");
            JsonNode halted = post(buy(symbol, id("jmx"), 1, away(symbol, -4)));
            assertThat(halted.path("state").asText()).isEqualTo("DENIED");
            assertThat(halted.path("rejectCode").asText()).isEqualTo("KILL_SWITCH_HALTED");
            assertThat((String) jmx.getAttribute(name, "States")).contains("demo").contains("HALTED");
        } finally {
            jmx.invoke(name, "activate", new Object[]{"STRATEGY", "demo", "jmx test done"}, signature);
        }
        assertThat(post(buy(symbol, id("jmx"), 1, away(symbol, -4))).path("state").asText()).isEqualTo("ACKED");
    }

    private static String breakerState() {
        return gateway.app().camelContext().getProcessor("kisOrderBreaker", ResilienceProcessor.class)
                .getCircuitBreakerState();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String buy(String symbol, String clientOrderId, long qty, long limit) {
        return order(symbol, clientOrderId, "BUY", qty, "00", limit);
    }

    private static String order(String symbol, String clientOrderId, String side, long qty, String type, Long limit) {
        return OrderFlowTest.intent(symbol, clientOrderId, side, qty, type, limit);
    }

    /** The intent for another of the simulator's accounts. */
    private static String on(String alias, String intent) {
        return intent.replace("\"account\":\"sim\"", "\"account\":\"" + alias + "\"");
    }

    private static String cancel(String clientOrderId, String target) {
        return "{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + clientOrderId + "\",\"targetClientOrderId\":\"" + target
                + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}";
    }

    private static String clientIdOf(String json) throws Exception {
        return GatewayUnderTest.json(json).path("clientOrderId").asText();
    }

    private static JsonNode post(String json) throws Exception {
        return gateway.postAccepted(json);
    }

    private static void awaitState(String clientOrderId, OrderState state) {
        gateway.awaitState(clientOrderId, state);
    }

    private static List<OrderView> kisOrders(String symbol) {
        return gateway.simulator().truth().account("50000001").orders().stream()
                .filter(o -> o.symbol().equals(symbol)).toList();
    }

    private static long alerts(String symbol, String rule) throws Exception {
        return Long.parseLong(row("select count(*) from compliance_alerts where symbol = '" + symbol + "' and rule = '"
                + rule + "'"));
    }

    private static String row(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long last(String symbol) {
        return gateway.lastPrice(symbol);
    }

    private static long tick(long p) {
        return GatewayUnderTest.tick(p);
    }

    private static long away(String symbol, long ticks) {
        return gateway.priceAway(symbol, ticks);
    }
}
