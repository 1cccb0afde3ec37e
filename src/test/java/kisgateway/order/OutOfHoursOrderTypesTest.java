package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import kisgateway.sim.trading.OrderView;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order types of the hours outside the regular session, bought and sold end to end in their own windows (the
 * simulator's clock, which the gateway's session gate follows in sim mode, moved through the day): 06 after the
 * close (15:40-16:00), 07 in the after-hours single-price session (16:00-18:00), 05 before the next day's open
 * (08:30-08:40), and each refused outside its window before anything reaches KIS. A gateway of its own: the clock moves for every test of a class.
 */
class OutOfHoursOrderTypesTest {

    private static final String SYMBOL = "005380";
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of());
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void eachOutOfHoursTypeIsTradedInItsWindowAndRefusedOutsideIt() throws Exception {
        // shares to sell later, bought in the regular session
        String stock = id("stock");
        post(intent(stock, "BUY", 10, "01", null));
        gateway.awaitState(stock, OrderState.FILLED);
        JsonNode early = post(intent(id("t06"), "BUY", 2, "06", null));
        assertThat(early.path("state").asText()).isEqualTo("DENIED");
        assertThat(early.path("rejectCode").asText()).isEqualTo("ORDER_TYPE_NOT_IN_SESSION");

        gateway.simAdmin("POST", "/clock", "{\"time\":\"15:45:00\"}");
        // each buy withdrawn before its sell, which would otherwise be refused as a self-cross
        cancel(placedAtKis(post(intent(id("t06"), "BUY", 2, "06", null)), "06", "BUY"));
        cancel(placedAtKis(post(intent(id("t06"), "SELL", 2, "06", null)), "06", "SELL"));
        JsonNode tooEarly07 = post(intent(id("t07"), "BUY", 2, "07", last()));
        assertThat(tooEarly07.path("rejectCode").asText()).isEqualTo("ORDER_TYPE_NOT_IN_SESSION");

        gateway.simAdmin("POST", "/clock", "{\"time\":\"16:30:00\"}");
        cancel(placedAtKis(post(intent(id("t07"), "BUY", 2, "07", last())), "07", "BUY"));
        cancel(placedAtKis(post(intent(id("t07"), "SELL", 2, "07", last())), "07", "SELL"));
        JsonNode regularNow = post(intent(id("t00"), "BUY", 2, "00", last()));
        assertThat(regularNow.path("rejectCode").asText()).isEqualTo("ORDER_TYPE_NOT_IN_SESSION");
        JsonNode tooLate05 = post(intent(id("t05"), "BUY", 2, "05", null));
        assertThat(tooLate05.path("rejectCode").asText()).isEqualTo("ORDER_TYPE_NOT_IN_SESSION");

        // 05 trades before the next trading day's open (08:30-08:40), at the previous close
        var calendar = kisgateway.risk.session.KrxSessionCalendar.fromSettings(
                kisgateway.risk.RiskSettings.fromProperties(Map.of()).session());
        var today = gateway.simulator().market().clock().nowSeoul();
        var next = calendar.nextTradingDay(today.toLocalDate()).orElseThrow();
        gateway.simAdmin("POST", "/clock", "{\"time\":\"" + next.atTime(8, 35).atZone(today.getZone())
                .toOffsetDateTime() + "\"}");
        cancel(placedAtKis(post(intent(id("t05"), "BUY", 2, "05", null)), "05", "BUY"));
        cancel(placedAtKis(post(intent(id("t05"), "SELL", 2, "05", null)), "05", "SELL"));
    }

    /** @return the order's client id */
    private static String placedAtKis(JsonNode answer, String type, String side) {
        assertThat(answer.path("state").asText()).as(answer.toString()).isNotIn("DENIED", "REJECTED",
                "RECONCILE_REQUIRED", "EXPIRED");
        String odno = answer.path("kisOrderNo").asText();
        assertThat(orders()).filteredOn(o -> o.odno().equals(odno)).singleElement().satisfies(o -> {
            assertThat(o.kind().code()).as("ORD_DVSN at KIS").isEqualTo(type);
            assertThat(o.side().name()).isEqualTo(side);
        });
        return answer.path("clientOrderId").asText();
    }

    private static void cancel(String client) throws Exception {
        if (gateway.order(client).state().isWorking()) {
            post("{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("cxl") + "\",\"targetClientOrderId\":\""
                    + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
            // withdrawn, or filled first
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(gateway.order(client).state().isWorking()).as(gateway.order(client).toString()).isFalse());
        }
    }

    private static java.util.List<OrderView> orders() {
        return gateway.simulator().truth().account("50000001").orders().stream()
                .filter(o -> o.symbol().equals(SYMBOL)).toList();
    }

    private static long last() {
        return gateway.lastPrice(SYMBOL);
    }

    private static String intent(String client, String side, long qty, String type, Long price) {
        return OrderFlowTest.intent(SYMBOL, client, side, qty, type, price);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode post(String json) throws Exception {
        return gateway.postAccepted(json);
    }
}
