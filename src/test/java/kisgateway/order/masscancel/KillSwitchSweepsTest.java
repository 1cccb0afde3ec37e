package kisgateway.order.masscancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import kisgateway.risk.MutableClock;
import org.junit.jupiter.api.Test;

class KillSwitchSweepsTest {

    @Test
    void dueAtFirstOnAMoveAndEveryIntervalBesides() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-03T01:00:00Z"));
        KillSwitchSweeps sweeps = new KillSwitchSweeps(Duration.ofSeconds(5), clock);
        assertThat(sweeps.due()).as("a new leader looks at once").isTrue();
        assertThat(sweeps.due()).isFalse();
        sweeps.moved();
        assertThat(sweeps.due()).as("a move is looked at at once").isTrue();
        assertThat(sweeps.due()).isFalse();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(sweeps.due()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(sweeps.due()).as("the sweep").isTrue();
    }
}
