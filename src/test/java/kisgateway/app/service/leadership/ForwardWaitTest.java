package kisgateway.app.service.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Clock;
import java.util.Set;
import kisgateway.order.Intent;
import kisgateway.order.IntentParser;
import org.junit.jupiter.api.Test;

class ForwardWaitTest {

    private final ForwardWait wait = new ForwardWait(Duration.ofSeconds(7), Duration.ofSeconds(75));

    @Test
    void anIntentIsWaitedForItsOwnTimeToLiveAndOneKisRequestNotTheRunsWait() {
        IntentParser parser = new IntentParser(Set.of("sim"), Duration.ofSeconds(2), Duration.ofSeconds(60), 1_000,
                Clock.systemUTC());
        Intent twoSeconds = parser.parse(intent(""));
        Intent aMinute = parser.parse(intent(",\"timeToLiveMs\":60000"));
        assertThat(wait.forIntent(twoSeconds)).isEqualTo(9_000);
        assertThat(wait.forIntent(aMinute)).isEqualTo(67_000);
        assertThat(wait.forRun()).isEqualTo(75_000);
    }

    private static String intent(String extra) {
        return "{\"clientOrderId\":\"fw-1\",\"account\":\"sim\",\"strategyId\":\"demo\",\"symbol\":\"005930\","
                + "\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"" + extra + "}";
    }

    @Test
    void aWaitThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new ForwardWait(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ForwardWait(Duration.ofSeconds(1), Duration.ofMillis(-1))).hasMessageContaining("positive");
    }
}
