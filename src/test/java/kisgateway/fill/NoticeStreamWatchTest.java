package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import kisgateway.risk.MutableClock;
import org.junit.jupiter.api.Test;

/** When a notice stream counts as stale, and the backfills that follows, on a clock the test moves. */
class NoticeStreamWatchTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:30:00Z"));
    private final Set<String> working = new HashSet<>();
    private final BackfillQueue backfills = new BackfillQueue(Duration.ZERO, clock);
    private final NoticeStreamWatch watch = new NoticeStreamWatch(Set.of("sim", "sim2"), Duration.ofSeconds(30),
            working::contains, backfills, clock);

    @Test
    void aSilentStreamIsStaleOnlyWhileOrdersAreWorkingPastTheThreshold() {
        watch.connected("sim");
        watch.connected("sim2");
        clock.advance(Duration.ofSeconds(45));
        assertThat(watch.check()).as("silent, but nothing working: nothing to hear").isEmpty();
        assertThat(watch.isStale("sim")).isFalse();

        working.add("sim");
        assertThat(watch.check()).containsExactly("sim");
        assertThat(watch.isStale("sim")).isTrue();
        assertThat(watch.isStale("sim2")).isFalse();
        assertThat(watch.silenceSeconds("sim")).isEqualTo(45.0);
        assertThat(backfills.takeDue()).singleElement().satisfies(d -> {
            assertThat(d.account()).isEqualTo("sim");
            assertThat(d.reason()).contains("45 s");
        });

        watch.noticed("sim");
        assertThat(watch.isStale("sim")).as("a notice ends it at once").isFalse();
        assertThat(watch.silenceSeconds("sim")).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.check()).as("at the threshold, not past it").isEmpty();
    }

    @Test
    void aStreamThatStaysSilentIsBackfilledAtMostOncePerThreshold() {
        working.add("sim");
        watch.connected("sim");
        clock.advance(Duration.ofSeconds(31));
        watch.check();
        assertThat(backfills.takeDue()).hasSize(1);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(watch.check()).containsExactly("sim");
        }
        assertThat(backfills.takeDue()).as("still stale, the backfill asked for once in 30 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        watch.check();
        assertThat(backfills.takeDue()).hasSize(1);
    }

    @Test
    void anAccountNeverHeardFromCountsFromItsFirstCheck() {
        working.add("sim2");
        assertThat(watch.check()).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(watch.check()).containsExactly("sim2");
    }
}
