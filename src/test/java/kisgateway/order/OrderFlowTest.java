package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Orders end to end: REST and JMS intake, the real routes, the risk gate and the KIS simulator over HTTP. */
class OrderFlowTest {

    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayUnderTest.start(Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String intent(String clientOrderId, String side, long qty, String type, String price) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\"005930\","
                + "\"side\":\"" + side + "\",\"quantity\":" + qty + ",\"orderType\":\"" + type + "\""
                + (price == null ? "" : ",\"price\":\"" + price + "\"") + "}";
    }

    @Test
    void aMarketBuyOverRestIsAckedByKis() throws Exception {
        HttpResponse<String> r = gateway.postIntent(intent("flow-mkt-1", "BUY", 3, "01", null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var body = GatewayUnderTest.json(r.body());
        assertThat(body.path("state").asText()).isIn("ACKED", "PARTIAL_FILLED", "FILLED");
        assertThat(body.path("kisOrderNo").asText()).isNotBlank();
    }
}
