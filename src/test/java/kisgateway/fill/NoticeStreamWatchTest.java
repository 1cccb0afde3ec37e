package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kisgateway.fill.NoticeStreamWatch.Condition;
import kisgateway.fill.NoticeStreamWatch.Outcome;
import kisgateway.risk.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * When a notice stream counts as stale, what a check of it costs and finds, and when it is unhealthy, on a clock
 * the test moves. As shipped: stale after 30 s, the wait doubling to 300 s, stale checks of an app key at most one
 * a minute; sim and sim2 share an app key, other has its own.
 */
class NoticeStreamWatchTest {

    private static final NoticeStreamWatch.Settings SHIPPED = new NoticeStreamWatch.Settings(Duration.ofSeconds(30),
            Duration.ofSeconds(300), Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:30:00Z"));
    private final Set<String> working = new HashSet<>();
    private final Set<String> held = new HashSet<>(Set.of("sim", "sim2", "other"));
    private final BackfillQueue backfills = new BackfillQueue(Duration.ZERO, clock);
    private final Map<String, String> appKeys = Map.of("sim", "key-1", "sim2", "key-1", "other", "key-2");

    private NoticeStreamWatch watch(NoticeStreamWatch.Settings settings) {
        NoticeStreamWatch watch = new NoticeStreamWatch(Set.of("sim", "sim2", "other"), settings, working::contains,
                held::contains, appKeys::get, backfills, clock);
        backfills.whenChecked(watch::checked);
        return watch;
    }

    /** Runs what is due as a backfill that recovers {@code recovered} fills; returns the accounts it ran for. */
    private List<String> backfill(int recovered) {
        List<String> ran = new ArrayList<>();
        for (BackfillQueue.Due due : backfills.takeDue()) {
            ran.add(due.account());
            backfills.checked(new BackfillQueue.Checked(due.account(), due.reason(), recovered, clock.instant()));
        }
        return ran;
    }

    @Test
    void aSilentStreamIsStaleOnlyWhileOrdersAreWorkingPastTheThreshold() {
        NoticeStreamWatch watch = watch(SHIPPED);
        watch.connected("sim");
        watch.connected("sim2");
        clock.advance(Duration.ofSeconds(45));
        assertThat(watch.check()).as("silent, but nothing working: nothing to hear").isEmpty();
        assertThat(watch.isStale("sim")).isFalse();

        working.add("sim");
        assertThat(watch.check()).containsExactly("sim");
        assertThat(watch.isStale("sim")).isTrue();
        assertThat(watch.isUnhealthy("sim")).as("stale is not unhealthy").isFalse();
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
    void aQuietRestingOrderIsCheckedWithABackOffAndStaysHealthy() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("other");
        watch.connected("other");
        List<Long> checkedAt = new ArrayList<>();
        for (int s = 1; s <= 600; s++) {
            clock.advance(Duration.ofSeconds(1));
            watch.check();
            if (!backfill(0).isEmpty()) {
                checkedAt.add((long) s);
            }
            assertThat(watch.isUnhealthy("other")).isFalse();
        }
        // 30 s of silence, then each clean check doubles the wait: 60, 120, 240, then the 300 s cap
        assertThat(checkedAt).containsExactly(31L, 92L, 213L, 454L);
        assertThat(watch.checks("other", Outcome.CLEAN)).isEqualTo(4);
        assertThat(watch.waitSeconds("other")).isEqualTo(300.0);
        assertThat(watch.silenceSeconds("other")).as("the clock restarted at the last clean check").isEqualTo(146.0);

        watch.noticed("other");
        assertThat(watch.waitSeconds("other")).as("a notice brings the wait back").isEqualTo(30.0);
    }

    @Test
    void theStaleChecksOfOneAppKeyAreAtMostOneAMinuteWhateverTheThreshold() {
        NoticeStreamWatch watch = watch(new NoticeStreamWatch.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(60)));
        working.addAll(Set.of("sim", "sim2"));
        int checks = 0;
        for (int s = 1; s <= 300; s++) {
            clock.advance(Duration.ofSeconds(1));
            watch.check();
            checks += backfill(0).size();
        }
        assertThat(checks).as("sim and sim2 share key-1: five minutes, five query slots").isEqualTo(5);
        assertThat(watch.checks("sim", Outcome.CLEAN) + watch.checks("sim2", Outcome.CLEAN)).isEqualTo(5);
    }

    @Test
    void aCheckIsAskedOnceAndNotAgainUntilItAnswered() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("other");
        watch.connected("other");
        clock.advance(Duration.ofSeconds(31));
        assertThat(watch.check()).containsExactly("other");
        for (int s = 0; s < 120; s++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(watch.check()).as("the backfill is still to come (the budget is busy)").isEmpty();
        }
        assertThat(watch.isStale("other")).isTrue();
        assertThat(backfill(0)).as("one request, however long it waited").containsExactly("other");
        assertThat(watch.isStale("other")).isFalse();
    }

    @Test
    void anAnswerThatBeganReadingBeforeTheAskIsNotItsAnswer() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("other");
        watch.connected("other");
        backfills.request("other", "CONNECTED");
        List<BackfillQueue.Due> reading = backfills.takeDue();
        Instant readAt = clock.instant();
        clock.advance(Duration.ofSeconds(31));
        assertThat(watch.check()).containsExactly("other");
        reading.forEach(d -> backfills.checked(new BackfillQueue.Checked(d.account(), d.reason(), 0, readAt)));
        assertThat(watch.waitSeconds("other")).as("no back-off: the ask is still open").isEqualTo(30.0);
        clock.advance(Duration.ofSeconds(31));
        assertThat(watch.check()).as("asked once, queued, not asked again").isEmpty();

        assertThat(backfill(0)).as("the queued ask answers").containsExactly("other");
        assertThat(watch.waitSeconds("other")).isEqualTo(60.0);
        clock.advance(Duration.ofSeconds(61));
        assertThat(watch.check()).as("asked afresh after its own answer").containsExactly("other");
    }

    @Test
    void aQuietPeriodNoCheckWasAskedForIsForgottenWhenTheStreamSpeaks() {
        NoticeStreamWatch watch = watch(SHIPPED);
        List<NoticeStreamWatch.Finding> findings = new ArrayList<>();
        watch.whenChecked(findings::add);
        working.add("sim");
        working.add("sim2");
        watch.connected("sim");
        watch.connected("sim2");
        clock.advance(Duration.ofSeconds(31));
        // both quiet, one app key: the first one's check takes the key's minute, the other's waits for it
        List<String> asked = watch.check();
        assertThat(asked).hasSize(1);
        String waiting = asked.get(0).equals("sim") ? "sim2" : "sim";
        assertThat(backfill(0)).isEqualTo(asked);
        clock.advance(Duration.ofSeconds(10));
        watch.check();
        watch.noticed(waiting);
        // hours later a reconnect's backfill finds a fill: the gap is the reconnect's, not a quiet of long ago
        clock.advance(Duration.ofHours(2));
        backfills.request(waiting, "CONNECTED");
        assertThat(backfill(1)).containsExactly(waiting);
        assertThat(findings).filteredOn(f -> f.account().equals(waiting)).singleElement()
                .satisfies(f -> assertThat(f.quietSince()).isNull());
    }

    @Test
    void aGapIsUnhealthyUntilTheNextCleanCheckWhichComesEvenWithNoOrderWorking() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("other");
        watch.connected("other");
        clock.advance(Duration.ofSeconds(31));
        watch.check();
        assertThat(backfill(2)).containsExactly("other");
        assertThat(watch.status("other").condition()).isEqualTo(Condition.GAP);
        assertThat(watch.status("other").detail()).contains("2 fills KIS had that the stream did not deliver");
        assertThat(watch.gapFills("other")).isEqualTo(2);

        // the recovered fills completed the order: nothing works any more, and the gap is still checked again
        working.clear();
        watch.noticed("other");
        assertThat(watch.isUnhealthy("other")).as("a notice does not prove the gap closed").isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.check()).as("the first wait is not over").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.check()).as("nor is the app key's minute since the check that found the gap").isEmpty();
        clock.advance(Duration.ofSeconds(29));
        assertThat(watch.check()).containsExactly("other");
        assertThat(backfill(0)).containsExactly("other");
        assertThat(watch.status("other").condition()).isEqualTo(Condition.LISTENING);
        assertThat(watch.checks("other", Outcome.GAP)).isEqualTo(1);
        assertThat(watch.checks("other", Outcome.CLEAN)).isEqualTo(1);
        assertThat(watch.waitSeconds("other")).as("backing off from the start again").isEqualTo(60.0);
    }

    @Test
    void anyBackfillThatRecoversFillsIsAGapAndAnyCleanOneConfirmsTheStream() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("sim");
        clock.advance(Duration.ofSeconds(20));
        backfills.request("sim", "reconnect");
        assertThat(backfill(1)).containsExactly("sim");
        assertThat(watch.isUnhealthy("sim")).isTrue();
        backfills.request("sim", "suspected duplicate fill on 0000001");
        assertThat(backfill(0)).containsExactly("sim");
        assertThat(watch.isUnhealthy("sim")).isFalse();
        assertThat(watch.silenceSeconds("sim")).isZero();
        assertThat(watch.waitSeconds("sim")).as("only a stale check backs off").isEqualTo(30.0);
    }

    @Test
    void aSocketWithoutFramesIsUnhealthyUntilTheNextCleanCheck() {
        NoticeStreamWatch watch = watch(SHIPPED);
        watch.noFrame("sim", "no frame for 150 s");
        assertThat(watch.status("sim").condition()).isEqualTo(Condition.NO_FRAME);
        assertThat(watch.status("sim").detail()).contains("not even PINGPONG", "no frame for 150 s");
        watch.connected("sim");
        assertThat(watch.isUnhealthy("sim")).as("a new socket is not yet a check").isTrue();
        backfills.request("sim", "reconnect");
        backfill(0);
        assertThat(watch.isUnhealthy("sim")).isFalse();
    }

    @Test
    void aCapBelowTheThresholdMeansNoBackOff() {
        assertThat(new NoticeStreamWatch.Settings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ZERO).cap())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anAccountNeverHeardFromCountsFromItsFirstCheck() {
        NoticeStreamWatch watch = watch(SHIPPED);
        working.add("sim2");
        assertThat(watch.check()).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(watch.check()).containsExactly("sim2");
    }

    @Test
    void aStandbyWatchesNothingAndStartsFromWhenItTakesTheStream() {
        NoticeStreamWatch watch = watch(SHIPPED);
        held.clear();
        working.add("other");
        clock.advance(Duration.ofSeconds(600));
        assertThat(watch.check()).isEmpty();
        assertThat(watch.isStale("other")).isFalse();
        assertThat(backfills.isEmpty()).isTrue();
        held.add("other");
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.check()).as("30 s since it took over, not 630").isEmpty();
    }
}
