package kisgateway.order.parent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kisgateway.order.AlgorithmKind;
import kisgateway.order.Exchange;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.Side;
import org.junit.jupiter.api.Test;

/** Slicing and re-slicing, in plain Java: what the schedule wants against what the children did. */
class SlicePlannerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private static ParentOrder twap(long quantity, int slices, Duration window, int lastSlot) {
        return parent(new ParentAlgorithm(AlgorithmKind.TWAP, T0, T0.plus(window), slices, null, 0), quantity, lastSlot,
                null);
    }

    private static ParentOrder parent(ParentAlgorithm a, long quantity, int lastSlot, Long volumeBase) {
        return new ParentOrder(UUID.randomUUID(), "p1", "sim", "demo", "005930", Side.BUY, OrderType.MARKET,
                Exchange.KRX, quantity, null, a, ParentState.WORKING, lastSlot, volumeBase, T0, T0);
    }

    private static ChildOrder filled(int slice, long quantity) {
        return new ChildOrder(slice, "c" + slice, quantity, T0, OrderState.FILLED, quantity, BigDecimal.valueOf(70000), 0);
    }

    private static ChildOrder resting(int slice, long quantity, long filled) {
        return new ChildOrder(slice, "c" + slice, quantity, T0, OrderState.PARTIAL_FILLED, filled, null, quantity - filled);
    }

    private static ChildOrder ended(int slice, long quantity, long filled, OrderState state) {
        return new ChildOrder(slice, "c" + slice, quantity, T0, state, filled, null, 0);
    }

    private static ParentProgress progress(ChildOrder... children) {
        return ParentProgress.of(List.of(children));
    }

    @Test
    void twapSendsEqualSlicesAtEqualIntervals() {
        ParentOrder p = twap(100, 4, Duration.ofMinutes(4), 0);
        assertThat(SlicePlanner.plan(p, progress(), T0, null)).isEqualTo(new SlicePlan(25, 1, false));
        // slot 1 planned: nothing more until the next interval
        assertThat(SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1), progress(filled(1, 25)),
                T0.plusSeconds(59), null).sendsChild()).isFalse();
        assertThat(SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1), progress(filled(1, 25)),
                T0.plusSeconds(60), null)).isEqualTo(new SlicePlan(25, 2, false));
    }

    @Test
    void aTwapOfAnUnevenQuantitySendsWholeSharesThatAddUpToIt() {
        long sent = 0;
        List<ChildOrder> children = new ArrayList<>();
        for (int slot = 1; slot <= 3; slot++) {
            SlicePlan plan = SlicePlanner.plan(twap(10, 3, Duration.ofMinutes(3), slot - 1),
                    ParentProgress.of(children), T0.plusSeconds(60L * (slot - 1)), null);
            children.add(filled(slot, plan.quantity()));
            sent += plan.quantity();
        }
        assertThat(children).extracting(ChildOrder::plannedQuantity).containsExactly(3L, 3L, 4L);
        assertThat(sent).isEqualTo(10);
    }

    @Test
    void aSlicesUnfilledPartGoesIntoTheNextSlice() {
        // slice 1 of 25: 10 filled, the rest cancelled (or expired)
        SlicePlan plan = SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1),
                progress(ended(1, 25, 10, OrderState.CANCELED)), T0.plusSeconds(60), null);
        assertThat(plan).isEqualTo(new SlicePlan(40, 2, false));
    }

    @Test
    void aRefusedChildIsMadeUpInTheNextSliceNotResentInItsOwn() {
        ParentOrder afterRefusal = twap(100, 4, Duration.ofMinutes(4), 1);
        ParentProgress refused = progress(ended(1, 25, 0, OrderState.DENIED));
        assertThat(SlicePlanner.plan(afterRefusal, refused, T0.plusSeconds(30), null).sendsChild()).isFalse();
        assertThat(SlicePlanner.plan(afterRefusal, refused, T0.plusSeconds(60), null)).isEqualTo(new SlicePlan(50, 2, false));
        assertThat(refused.refused()).isEqualTo(1);
    }

    @Test
    void aWorkingChildCountsAsDoneForTheSchedule() {
        SlicePlan plan = SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1), progress(resting(1, 25, 5)),
                T0.plusSeconds(60), null);
        assertThat(plan).isEqualTo(new SlicePlan(25, 2, false));
    }

    @Test
    void aMissedSlotIsCaughtUpByTheNextChild() {
        // the gateway was down for slots 2 and 3: slot 4 sends what 2..4 should have
        SlicePlan plan = SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1), progress(filled(1, 25)),
                T0.plusSeconds(200), null);
        assertThat(plan).isEqualTo(new SlicePlan(75, 4, false));
    }

    @Test
    void atTheEndATwapSendsOneCatchUpOfWhatIsOpenThenStops() {
        ParentProgress short10 = progress(filled(1, 25), filled(2, 25), filled(3, 25), ended(4, 25, 15,
                OrderState.EXPIRED));
        SlicePlan catchUp = SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 4), short10, T0.plusSeconds(240), null);
        assertThat(catchUp).isEqualTo(new SlicePlan(10, 5, true));
        assertThat(SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 5), short10, T0.plusSeconds(241), null))
                .isEqualTo(SlicePlan.STOP);
    }

    @Test
    void aFilledParentStopsAndOneNotStartedWaits() {
        assertThat(SlicePlanner.plan(twap(50, 2, Duration.ofMinutes(2), 2), progress(filled(1, 25), filled(2, 25)),
                T0.plusSeconds(70), null)).isEqualTo(SlicePlan.STOP);
        assertThat(SlicePlanner.plan(twap(50, 2, Duration.ofMinutes(2), 0), progress(), T0.minusSeconds(1), null))
                .isEqualTo(SlicePlan.WAIT);
    }

    @Test
    void povTakesItsShareOfTheMarketsVolumeDownToWholeShares() {
        assertThat(SlicePlanner.povTarget(new BigDecimal("0.10"), 12_345)).isEqualTo(1_234);
        assertThat(SlicePlanner.povTarget(new BigDecimal("0.10"), 9)).isZero();
        assertThat(SlicePlanner.povTarget(new BigDecimal("0.10"), -5)).isZero();
        assertThat(SlicePlanner.povTarget(new BigDecimal("0.0725"), 1_000_000_000_000L)).isEqualTo(72_500_000_000L);
    }

    @Test
    void povSendsWhatTheShareWantsLessWhatIsFilledOrWorkingWithinItsCap() {
        ParentAlgorithm a = new ParentAlgorithm(AlgorithmKind.POV, T0, T0.plusSeconds(600), 0, new BigDecimal("0.10"), 300);
        ParentOrder p = parent(a, 10_000, 3, 1_000L);
        // 5,000 traded since the start: 500 wanted, 160 filled and 50 working
        assertThat(SlicePlanner.plan(p, progress(filled(1, 150), resting(2, 60, 10)), T0.plusSeconds(60), 5_000L))
                .isEqualTo(new SlicePlan(290, 4, false));
        // 50,000 traded: 5,000 wanted, the cap holds a child to 300
        assertThat(SlicePlanner.plan(p, progress(filled(1, 150), resting(2, 60, 10)), T0.plusSeconds(60), 50_000L))
                .isEqualTo(new SlicePlan(300, 4, false));
        assertThat(SlicePlanner.plan(p, progress(filled(1, 150), resting(2, 60, 10)), T0.plusSeconds(60), 2_000L)
                .sendsChild()).isFalse();
        assertThat(SlicePlanner.plan(p, progress(), T0.plusSeconds(60), null)).as("no volume known yet")
                .isEqualTo(SlicePlan.WAIT);
        assertThat(SlicePlanner.plan(p, progress(), T0.plusSeconds(600), 1_000_000L)).as("its window is over")
                .isEqualTo(SlicePlan.STOP);
    }

    @Test
    void povNeverWantsMoreThanTheParent() {
        ParentAlgorithm a = new ParentAlgorithm(AlgorithmKind.POV, T0, T0.plusSeconds(600), 0, new BigDecimal("0.30"), 0);
        assertThat(SlicePlanner.plan(parent(a, 100, 0, 0L), progress(filled(1, 90)), T0.plusSeconds(1), 1_000_000L))
                .isEqualTo(new SlicePlan(10, 1, false));
    }

    @Test
    void aLimitSweepSendsWhatIsOpenInCappedChildren() {
        ParentAlgorithm a = new ParentAlgorithm(AlgorithmKind.LIMIT_SWEEP, T0, T0.plusSeconds(60), 0, null, 40);
        ParentOrder p = parent(a, 100, 2, null);
        assertThat(SlicePlanner.plan(p, progress(filled(1, 40), resting(2, 40, 0)), T0.plusSeconds(1), null))
                .isEqualTo(new SlicePlan(20, 3, false));
        assertThat(SlicePlanner.plan(p, progress(filled(1, 40), resting(2, 60, 0)), T0.plusSeconds(1), null)
                .sendsChild()).as("all of it filled or working").isFalse();
        assertThat(SlicePlanner.plan(p, progress(filled(1, 40)), T0.plusSeconds(60), null)).isEqualTo(SlicePlan.STOP);
    }

    @Test
    void aPlannedChildNotYetAnOrderCountsAsSent() {
        ChildOrder planned = new ChildOrder(2, "c2", 25, T0, null, 0, null, 25);
        ParentProgress p = progress(filled(1, 25), planned);
        assertThat(p.committed()).isEqualTo(50);
        assertThat(p.quiet()).isFalse();
        assertThat(SlicePlanner.plan(twap(100, 4, Duration.ofMinutes(4), 1), p, T0.plusSeconds(60), null).sendsChild())
                .isFalse();
    }

    @Test
    void theAveragePriceIsWeightedByFills() {
        ParentProgress p = ParentProgress.of(List.of(
                new ChildOrder(1, "c1", 10, T0, OrderState.FILLED, 10, new BigDecimal("100"), 0),
                new ChildOrder(2, "c2", 30, T0, OrderState.FILLED, 30, new BigDecimal("200"), 0)));
        assertThat(p.averagePrice()).isEqualByComparingTo("175");
    }
}
