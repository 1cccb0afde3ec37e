package kisgateway.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kisgateway.order.OrderState;
import kisgateway.risk.rollout.KillSwitchDrills;
import org.junit.jupiter.api.Test;

class KillSwitchDrillTest {

    private static final DrillSettings SETTINGS = new DrillSettings("drill", "main", "005930", 30, DayOfWeek.MONDAY,
            LocalTime.of(8, 40), LocalTime.of(8, 55), Duration.ofSeconds(2), Duration.ofDays(8));

    private final MutableClock clock = new MutableClock();
    private final Recorded log = new Recorded();

    @Test
    void aSwitchThatDeniesAndCancelsPassesAndIsPutBack() {
        Desk desk = new Desk();
        desk.cancelAfterHalt = Duration.ofMillis(300);
        DrillResult r = drill(desk).run("d1", "SCHEDULE");
        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(desk.cancels).isEmpty();
        assertThat(r.timeToCancel()).contains(Duration.ofMillis(300));
        assertThat(desk.moves).containsExactly("HALTED", "ACTIVE");
        assertThat(desk.placed).containsExactly("d1-rest@66000", "d1-probe@66000");
        assertThat(log.runs).singleElement().satisfies(run -> {
            assertThat(run.passed).isTrue();
            assertThat(run.account).isEqualTo("main");
            assertThat(run.detail).containsEntry("haltToCancelMs", 300L).containsEntry("trigger", "SCHEDULE");
        });
    }

    @Test
    void aRestingOrderThatIsNotCanceledFailsTheDrillAtCancelAndTheSwitchIsStillPutBack() {
        Desk desk = new Desk();
        desk.cancelAfterHalt = null;
        DrillResult r = drill(desk).run("d2", "ops");
        assertThat(r.passed()).isFalse();
        assertThat(r.failedStep()).isEqualTo("CANCEL");
        assertThat(r.detail()).contains("ACKED").contains("2000 ms").contains("cancel asked for d2-rest");
        assertThat(desk.cancels).containsExactly("d2-cleanup-rest->d2-rest");
        assertThat(desk.moves).containsExactly("HALTED", "ACTIVE");
        assertThat(log.runs).singleElement().satisfies(run -> assertThat(run.passed).isFalse());
    }

    @Test
    void aNewIntentThatIsNotDeniedFailsTheDrillAtDeny() {
        Desk desk = new Desk();
        desk.denyAfterHalt = false;
        DrillResult r = drill(desk).run("d3", "SCHEDULE");
        assertThat(r.failedStep()).isEqualTo("DENY");
        assertThat(r.detail()).contains("not denied").contains("ACKED");
        assertThat(desk.cancels).containsExactly("d3-cleanup-rest->d3-rest", "d3-cleanup-probe->d3-probe");
        assertThat(desk.moves).containsExactly("HALTED", "ACTIVE");
    }

    @Test
    void aRestingOrderThatNeverWorksFailsAtPlaceAndTheSwitchIsNeverPulled() {
        Desk desk = new Desk();
        desk.placedState = OrderState.REJECTED;
        DrillResult r = drill(desk).run("d4", "SCHEDULE");
        assertThat(r.failedStep()).isEqualTo("PLACE");
        assertThat(r.detail()).contains("REJECTED");
        assertThat(desk.moves).isEmpty();
        assertThat(desk.cancels).isEmpty();
        assertThat(log.runs).singleElement().satisfies(run -> assertThat(run.passed).isFalse());
    }

    @Test
    void aFailingDeskIsAFailedDrillNotAnException() {
        Desk desk = new Desk();
        desk.haltFails = true;
        DrillResult r = drill(desk).run("d5", "SCHEDULE");
        assertThat(r.failedStep()).isEqualTo("ERROR");
        assertThat(r.detail()).contains("database away");
        assertThat(log.runs).hasSize(1);
    }

    @Test
    void theSlotIsTheConfiguredWeekdayInsideItsWindowOnATradingDay() {
        DrillSchedule schedule = new DrillSchedule(SETTINGS, d -> !d.equals(LocalDate.of(2026, 12, 14)));
        // Monday 2026-12-07, Seoul
        assertThat(schedule.openSlot(seoul("2026-12-07T08:39:59"))).isEmpty();
        assertThat(schedule.openSlot(seoul("2026-12-07T08:40:00"))).contains(LocalDate.of(2026, 12, 7));
        assertThat(schedule.openSlot(seoul("2026-12-07T08:54:59"))).contains(LocalDate.of(2026, 12, 7));
        assertThat(schedule.openSlot(seoul("2026-12-07T08:55:00"))).isEmpty();
        assertThat(schedule.openSlot(seoul("2026-12-08T08:45:00"))).as("a Tuesday").isEmpty();
        assertThat(schedule.openSlot(seoul("2026-12-14T08:45:00"))).as("a Monday the market is closed").isEmpty();
    }

    private static Instant seoul(String local) {
        return java.time.LocalDateTime.parse(local).atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant();
    }

    private KillSwitchDrill drill(Desk desk) {
        desk.clock = clock;
        return new KillSwitchDrill(SETTINGS, desk, log, clock, d -> clock.advance(d));
    }

    /** The gateway as the drill sees it: orders rest when placed, are denied or canceled once halted, as told. */
    private static final class Desk implements DrillDesk {
        MutableClock clock;
        OrderState placedState = OrderState.ACKED;
        boolean denyAfterHalt = true;
        Duration cancelAfterHalt = Duration.ZERO;
        boolean haltFails;
        Instant haltedAt;
        final List<String> placed = new ArrayList<>();
        final List<String> moves = new ArrayList<>();
        final Map<String, OrderState> states = new HashMap<>();

        @Override
        public long restingPrice() {
            return 66_000;
        }

        @Override
        public DrillOrder place(String clientOrderId, long price) {
            placed.add(clientOrderId + "@" + price);
            OrderState state = haltedAt != null && denyAfterHalt ? OrderState.DENIED : placedState;
            states.put(clientOrderId, state);
            return new DrillOrder(clientOrderId, state, state == OrderState.DENIED ? "KILL_SWITCH" : null);
        }

        @Override
        public Optional<DrillOrder> order(String clientOrderId) {
            OrderState state = states.get(clientOrderId);
            if (state == OrderState.ACKED && haltedAt != null && cancelAfterHalt != null
                    && !clock.instant().isBefore(haltedAt.plus(cancelAfterHalt))) {
                state = OrderState.CANCELED;
                states.put(clientOrderId, state);
            }
            return Optional.ofNullable(state).map(s -> new DrillOrder(clientOrderId, s, null));
        }

        final List<String> cancels = new ArrayList<>();

        @Override
        public void cancel(String clientOrderId, String targetClientOrderId) {
            cancels.add(clientOrderId + "->" + targetClientOrderId);
        }

        @Override
        public void halt(String reason) {
            if (haltFails) {
                throw new IllegalStateException("database away");
            }
            moves.add("HALTED");
            haltedAt = clock.instant();
        }

        @Override
        public void activate(String reason) {
            moves.add("ACTIVE");
        }
    }

    private static final class Recorded implements KillSwitchDrills {
        record Run(String account, Instant ranAt, boolean passed, Map<String, Object> detail) {
        }

        final List<Run> runs = new ArrayList<>();

        @Override
        public Optional<Instant> lastPassed(String account) {
            return runs.stream().filter(r -> r.passed && r.account.equals(account)).map(Run::ranAt).reduce((a, b) -> b);
        }

        @Override
        public void record(String account, Instant ranAt, boolean passed, Map<String, Object> detail) {
            runs.add(new Run(account, ranAt, passed, detail));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T23:45:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
