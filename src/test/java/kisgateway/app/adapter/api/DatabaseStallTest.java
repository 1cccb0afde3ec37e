package kisgateway.app.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import kisgateway.app.db.DatabaseTimeouts;
import org.junit.jupiter.api.Test;

/** Issue 21.12: which failures go back to the broker, and for how many deliveries. */
class DatabaseStallTest {

    private final DatabaseStall stall = new DatabaseStall(new DatabaseTimeouts(Duration.ofSeconds(7),
            Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(500)), 5);
    private final Throwable unanswered = new IllegalStateException("create failed",
            new SQLException("An I/O error occurred while sending to the backend.", "08006",
                    new SocketTimeoutException("Read timed out")));

    @Test
    void anUnansweredIntentGoesBackToTheBrokerUntilItsLastDelivery() {
        assertThat(stall.rollBack(unanswered, 1)).isTrue();
        assertThat(stall.rollBack(unanswered, 5)).isTrue();
        assertThat(stall.rollBack(unanswered, 6)).as("the last delivery is dead-lettered with the reason").isFalse();
    }

    @Test
    void onlyAStallOfWhatTheBrokerDeliveredGoesBack() {
        assertThat(stall.rollBack(unanswered, null)).as("a notice from the WebSocket has no broker").isFalse();
        assertThat(stall.rollBack(new SQLException("value too long for type character varying(32)", "22001"), 1))
                .isFalse();
        assertThat(stall.reason(unanswered)).hasValue("the gateway's database did not answer within 7000 ms; nothing"
                + " was sent to KIS (sending the intent again later, under the same clientOrderId, is safe)");
    }
}
