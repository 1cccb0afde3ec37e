package kisgateway.ops.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(8, Duration.ofSeconds(5), Duration.ofMinutes(10));

    @Test
    void theWaitDoublesAfterEachFailedTryUpToTheCap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofSeconds(600));
        assertThat(backoff.delayAfter(40)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theLastTryIsTheMaxAttemptsTh() {
        assertThat(backoff.exhausted(7)).isFalse();
        assertThat(backoff.exhausted(8)).isTrue();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryBackoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryBackoff(3, Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> new RetryBackoff(3, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initial");
    }
}
