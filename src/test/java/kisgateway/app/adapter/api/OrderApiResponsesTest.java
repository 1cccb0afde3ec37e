package kisgateway.app.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import kisgateway.app.db.DatabaseTimeouts;
import kisgateway.order.InvalidIntentException;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderStoreException;
import kisgateway.order.OrderType;
import kisgateway.order.OutcomeNotRecorded;
import kisgateway.order.Side;
import org.junit.jupiter.api.Test;

/** Issue 21.9: a refusal gives the gateway's reason, never a database's or Java's text. */
class OrderApiResponsesTest {

    private final OrderApiResponses responses = new OrderApiResponses(null, new DatabaseStall(new DatabaseTimeouts(
            Duration.ofSeconds(7), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMillis(500)), 5));

    @Test
    void aDatabaseFailureIsA500WithAReferenceNotTheDatabasesText() {
        OrderApiResponses.ApiResponse r = responses.failure(new IllegalStateException("insert failed",
                new SQLException("ERROR: numeric field overflow Detail: A field with precision 18, scale 4")));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json()).contains("internal error (ref ").doesNotContain("numeric", "insert failed", "Exception");
    }

    @Test
    void aLibrarysBadInputTextIsNotPassedOn() {
        OrderApiResponses.ApiResponse r = responses.failure(catchNumberFormat());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).contains("the request is malformed").doesNotContain("For input string");
    }

    @Test
    void theGatewaysOwnReasonIsPassedOn() {
        OrderApiResponses.ApiResponse r = responses.failure(new InvalidIntentException("price has 20 digits; at most 9"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).contains("price has 20 digits; at most 9");
        assertThat(responses.failure(new IllegalArgumentException("state must be ACTIVE, REDUCING or HALTED")).json())
                .contains("state must be ACTIVE");
    }

    /** Issue 21.12: a stalled database is answered at once, with what happened and what did not. */
    @Test
    void aDatabaseThatDidNotAnswerIsA503SayingNothingWasSent() {
        OrderApiResponses.ApiResponse r = responses.failure(new IllegalStateException("create failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006",
                        new java.net.SocketTimeoutException("Read timed out"))));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).contains("the gateway's database did not answer within 7000 ms; nothing was sent to KIS")
                .doesNotContain("I/O error", "create failed", "Exception");
        assertThat(responses.failure(new RuntimeException(new java.sql.SQLTransientConnectionException(
                "kis-gateway-db - Connection is not available, request timed out after 5001ms"))).json())
                .contains("the gateway's database gave no connection within 5000 ms; nothing was sent to KIS");
    }

    @Test
    void aDatabaseThatStalledAfterTheSendDoesNotSayNothingWasSent() {
        OrderRecord order = new OrderRecord(java.util.UUID.randomUUID(), "c-1", "sim", "demo", "005930", Side.BUY,
                OrderType.LIMIT, kisgateway.order.Exchange.KRX, 10, java.math.BigDecimal.valueOf(70_000),
                OrderState.SUBMITTED, "gateway", null, null, null, 0, null, null, null, Duration.ofSeconds(2),
                java.time.Instant.now(), java.time.Instant.now(), 1);
        OrderApiResponses.ApiResponse r = responses.failure(new OutcomeNotRecorded(order, "order-cash",
                new OrderStoreException("transition ACK failed", new SQLException("I/O error", "08006",
                        new java.net.SocketTimeoutException("Read timed out")))));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json()).contains("did not answer within 7000 ms after the request was handed to KIS")
                .doesNotContain("nothing was sent");
    }

    private static Throwable catchNumberFormat() {
        try {
            Long.parseLong("12x");
            throw new AssertionError("parsed");
        } catch (NumberFormatException e) {
            return e;
        }
    }
}
