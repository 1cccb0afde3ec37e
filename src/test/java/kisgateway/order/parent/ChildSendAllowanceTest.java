package kisgateway.order.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildSendAllowanceTest {

    private Instant now = Instant.parse("2026-12-07T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void theParentsTakeTheirShareOfTheKeysRatePerSecondAndNoMore() {
        assertThat(ChildSendAllowance.share(18, new BigDecimal("0.5"))).isEqualTo(9);
        assertThat(ChildSendAllowance.share(1, new BigDecimal("0.5"))).as("at least one a second").isEqualTo(1);
        assertThatThrownBy(() -> ChildSendAllowance.share(18, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildSendAllowance.share(18, new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);

        ChildSendAllowance allowance = new ChildSendAllowance(3, Map.of("a", "key1", "b", "key1", "c", "key2")::get, clock);
        assertThat(allowance.tryTake("a")).isTrue();
        assertThat(allowance.tryTake("b")).isTrue();
        assertThat(allowance.tryTake("a")).isTrue();
        assertThat(allowance.tryTake("b")).as("accounts a and b share key1's share").isFalse();
        assertThat(allowance.tryTake("c")).as("key2 has its own").isTrue();
        now = now.plusMillis(999);
        assertThat(allowance.tryTake("a")).isFalse();
        now = now.plusMillis(1);
        assertThat(allowance.tryTake("a")).isTrue();
    }
}
