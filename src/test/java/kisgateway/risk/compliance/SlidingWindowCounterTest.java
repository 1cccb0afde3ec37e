package kisgateway.risk.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {

    private static final Instant T0 = Instant.parse("2026-03-03T01:00:00Z");

    @Test
    void anEventCountsForExactlyTheWindow() {
        SlidingWindowCounter<String> c = new SlidingWindowCounter<>(10, Duration.ofSeconds(60), 100);
        c.record("k", T0);
        c.record("k", T0.plusSeconds(30));
        assertThat(c.count("k", T0.plusMillis(59_999))).isEqualTo(2);
        assertThat(c.count("k", T0.plusSeconds(60))).isEqualTo(1);
        assertThat(c.count("k", T0.plusSeconds(90))).isZero();
        assertThat(c.trackedKeys()).isZero();    // an emptied key is dropped
    }

    @Test
    void keepsNoMoreThanItsCapacityPerKey() {
        SlidingWindowCounter<String> c = new SlidingWindowCounter<>(3, Duration.ofSeconds(60), 100);
        for (int i = 0; i < 1000; i++) {
            c.record("k", T0.plusMillis(i));
        }
        assertThat(c.count("k", T0.plusSeconds(1))).isEqualTo(3);
    }

    @Test
    void forgetsTheLeastRecentlyUsedKeyBeyondItsBound() {
        SlidingWindowCounter<String> c = new SlidingWindowCounter<>(3, Duration.ofSeconds(60), 2);
        c.record("a", T0);
        c.record("b", T0);
        c.count("a", T0);          // a used more recently than b
        c.record("c", T0);
        assertThat(c.trackedKeys()).isEqualTo(2);
        assertThat(c.count("a", T0)).isEqualTo(1);
        assertThat(c.count("b", T0)).isZero();
        assertThat(c.count("c", T0)).isEqualTo(1);
    }

    @Test
    void keysAreIndependent() {
        SlidingWindowCounter<String> c = new SlidingWindowCounter<>(3, Duration.ofSeconds(60), 10);
        c.record("a", T0);
        assertThat(c.count("b", T0)).isZero();
    }
}
