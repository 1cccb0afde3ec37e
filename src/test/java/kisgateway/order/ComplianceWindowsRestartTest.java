package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel/replace burst half before and half after a restart is one burst: the restarted gateway rebuilds its
 * windows from the books before its first screening. A whole gateway in sim mode is started twice on one PostgreSQL
 * data directory; its broker and simulator are new at the second start, and the second simulator's session clock
 * goes on from where the first one stopped, as a wall clock would through a restart.
 */
class ComplianceWindowsRestartTest {

    private static final String SYMBOL = "005380";

    private final Path database = TestConfig.temporaryDirectory("kis-gateway-restart-db");

    @AfterEach
    void removeDatabase() throws IOException {
        TestConfig.deleteTree(database);
    }

    @Test
    void aCancelReplaceBurstHalfBeforeAndHalfAfterARestartIsDeniedAsOneBurst() throws Exception {
        Map<String, String> config = TestConfig.restartableOn(database, Map.of(
                // four cancels and revisions per account and symbol within the 60 s window
                "risk.compliance.cancel-replace-burst.max-requests", "4"));
        Instant stoppedAt;
        long stoppedNanos;
        try (GatewayUnderTest before = GatewayUnderTest.start(config)) {
            before.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
            String first = rest(before, -4);
            String second = rest(before, -5);
            assertThat(before.postAccepted(cancel(first)).path("state").asText()).isEqualTo("CANCELED");
            assertThat(before.postAccepted(cancel(second)).path("state").asText()).isEqualTo("CANCELED");
            stoppedAt = before.app().infrastructure().clock().instant();
            stoppedNanos = System.nanoTime();
        }
        try (GatewayUnderTest after = GatewayUnderTest.start(config)) {
            after.simulator().market().clock().set(stoppedAt.plusNanos(System.nanoTime() - stoppedNanos));
            after.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
            String third = rest(after, -4);
            String fourth = rest(after, -5);
            String fifth = rest(after, -6);
            assertThat(after.postAccepted(replace(third, after.priceAway(SYMBOL, -7))).path("state").asText())
                    .as("the third withdrawal in the window").isEqualTo("ACKED");
            assertThat(after.postAccepted(cancel(fourth)).path("state").asText()).as("the fourth").isEqualTo("CANCELED");

            HttpResponse<String> over = after.postIntent(cancel(fifth));
            assertThat(over.statusCode()).as(over.body()).isEqualTo(403);
            assertThat(GatewayUnderTest.json(over.body()).path("rule").asText()).isEqualTo("CANCEL_REPLACE_BURST");
            assertThat(after.order(fifth).state()).isEqualTo(OrderState.ACKED);
        }
    }

    /** A buy resting {@code ticks} below the last price, acknowledged by KIS; its client order id. */
    private static String rest(GatewayUnderTest gateway, long ticks) throws Exception {
        String client = "rst-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.postAccepted(OrderFlowTest.intent(SYMBOL, client, "BUY", 1, "00", gateway.priceAway(SYMBOL, ticks)));
        gateway.awaitState(client, OrderState.ACKED);
        return client;
    }

    private static String cancel(String target) {
        return "{\"intent\":\"CANCEL\",\"clientOrderId\":\"cxl-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"targetClientOrderId\":\"" + target + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}";
    }

    private static String replace(String target, long price) {
        return "{\"intent\":\"REPLACE\",\"clientOrderId\":\"rpl-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"targetClientOrderId\":\"" + target + "\",\"account\":\"sim\",\"strategyId\":\"demo\",\"price\":\""
                + price + "\"}";
    }
}
