package kisgateway.app.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import kisgateway.order.InvalidIntentException;
import org.junit.jupiter.api.Test;

/** Issue 21.9: a refusal gives the gateway's reason, never a database's or Java's text. */
class OrderApiResponsesTest {

    private final OrderApiResponses responses = new OrderApiResponses(null);

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

    private static Throwable catchNumberFormat() {
        try {
            Long.parseLong("12x");
            throw new AssertionError("parsed");
        } catch (NumberFormatException e) {
            return e;
        }
    }
}
