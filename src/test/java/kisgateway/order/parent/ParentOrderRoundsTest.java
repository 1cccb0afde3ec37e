package kisgateway.order.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kisgateway.order.AlgorithmKind;
import kisgateway.order.CancelIntent;
import kisgateway.order.Exchange;
import kisgateway.order.Intent;
import kisgateway.order.InvalidIntentException;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderType;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.ParentIntent;
import kisgateway.order.Side;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.risk.session.SessionSettings;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The parent's store, desk and orchestrator on the real PostgreSQL: durable transitions with their audit, the intake's
 * refusals, and rounds that rebuild everything from the database (a fresh orchestrator is a restarted leader). The
 * order flow is played by the order store itself: a child the round returns is created as the intake would.
 */
class ParentOrderRoundsTest {

    /** Monday 2026-12-07 10:00 in Seoul: the continuous session. */
    private static final Instant OPEN = Instant.parse("2026-12-07T01:00:00Z");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final MovableClock clock = new MovableClock(OPEN);
    private final JdbcParentOrderStore store = new JdbcParentOrderStore(dataSource, clock);
    private final JdbcOrderStore orders = new JdbcOrderStore(dataSource, clock);
    private final AtomicBoolean tradingAllowed = new AtomicBoolean(true);
    private final AtomicLong marketVolume = new AtomicLong(-1);
    private final List<String> watched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String strategy = "rounds-" + UUID.randomUUID().toString().substring(0, 8);
    /**
     * An account of this test's own: the database is shared, and parents other tests left working are in every
     * round too; the budget share is per account's key here, so theirs never takes this test's.
     */
    private final String account = "acct-" + strategy;
    private final ParentOrderDesk desk = new ParentOrderDesk(store, KrxSessionCalendar.fromSettings(
            SessionSettings.fromProperties(Map.of())), (p, quantity, at, wait) -> p.symbol().equals("000000")
            ? Optional.of("SYMBOL_RESTRICTED {symbol=000000}") : Optional.empty(),
            (s, client) -> orders.byClientOrderId(s, client).isPresent(), clock);

    private ParentOrchestrator orchestrator() {
        return new ParentOrchestrator(store, (a, s) -> !a.equals(account) || tradingAllowed.get(),
                symbol -> marketVolume.get() < 0 ? OptionalLong.empty() : OptionalLong.of(marketVolume.get()),
                (account, symbol) -> watched.add(symbol),
                new ChildSendAllowance(100, a -> "key-" + a, clock),
                new ParentOrchestrator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 3), clock);
    }

    private ParentIntent twap(String client, long quantity, int slices, Duration window) {
        return intent(client, "005930", quantity, new ParentAlgorithm(AlgorithmKind.TWAP, clock.instant(),
                clock.instant().plus(window), slices, null, 0));
    }

    private ParentIntent intent(String client, String symbol, long quantity, ParentAlgorithm a) {
        return new ParentIntent(client, account, strategy, symbol, Side.BUY, quantity, OrderType.MARKET, null,
                Exchange.KRX, a, Duration.ofSeconds(2), clock.instant());
    }

    /** The round's intents for this test's parent only (the database is shared with other tests). */
    private List<Intent> round(ParentOrchestrator o, ParentOrder p) {
        return o.round().stream().filter(i -> i.clientOrderId().startsWith(p.parentOrderId().toString())).toList();
    }

    /** What the order intake does with a child: creates it under its client id (or finds it). */
    private JdbcOrderStore.CreateResult take(Intent child) {
        return orders.create((OrderIntent) child);
    }

    private OrderRecord fill(OrderRecord o, long quantity) {
        orders.transition(o.orderId(), OrderEventType.SUBMIT, OrderChange.because("test"));
        orders.transition(o.orderId(), OrderEventType.ACK, OrderChange.because("test").brokerOrder(
                String.valueOf(Math.abs(o.orderId().getMostSignificantBits() % 1_000_000_000L)), "06010", clock.instant()));
        if (quantity == 0) {
            return orders.byId(o.orderId()).orElseThrow();
        }
        return orders.transition(o.orderId(), OrderEventType.PARTIAL_FILL, OrderChange.because("test")
                .fill(quantity, new BigDecimal("70000"))).order();
    }

    @Test
    void aParentIsStoredOnceUnderItsClientIdAndEveryTransitionIsAudited() {
        ParentOrder p = desk.accept(twap("t1", 100, 2, Duration.ofMinutes(2))).parent();
        ParentOrderDesk.ParentIntake again = desk.accept(twap("t1", 100, 2, Duration.ofMinutes(2)));
        assertThat(again.parent().parentOrderId()).isEqualTo(p.parentOrderId());
        assertThat(again.conflicting()).isFalse();
        assertThat(desk.accept(twap("t1", 999, 2, Duration.ofMinutes(2))).conflicting()).isTrue();
        assertThat(store.transition(p.parentOrderId(), ParentEvent.FINISH, "stray", Map.of())).isEmpty();
        store.transition(p.parentOrderId(), ParentEvent.START, "test", Map.of());
        store.transition(p.parentOrderId(), ParentEvent.CANCEL, "test", Map.of());
        store.transition(p.parentOrderId(), ParentEvent.FINISH, "test", Map.of());
        assertThat(store.history(p.parentOrderId())).containsExactly("null -(ACCEPT)-> ACCEPTED",
                "ACCEPTED -(START)-> WORKING", "WORKING -(CANCEL)-> CANCELLING", "CANCELLING -(FINISH)-> CANCELLED");
        List<ParentEventOutbox.ParentEventMessage> events = new ParentEventOutbox(store).pending(10_000).stream()
                .filter(m -> m.orderId().equals(p.parentOrderId().toString())).toList();
        assertThat(events).extracting(ParentEventOutbox.ParentEventMessage::state)
                .containsExactly("ACCEPTED", "WORKING", "CANCELLING", "CANCELLED");
        events.forEach(m -> kisgateway.testing.ContractSchemas.assertValid("parent-order-event.schema.json", m.json()));
    }

    @Test
    void aWindowOutsideTheSessionOrASymbolTheRiskCheckRefusesMakesNoParent() {
        ParentIntent evening = intent("w1", "005930", 100, new ParentAlgorithm(AlgorithmKind.TWAP,
                Instant.parse("2026-12-07T06:10:00Z"), Instant.parse("2026-12-07T06:30:00Z"), 2, null, 0));
        assertThatThrownBy(() -> desk.accept(evening)).isInstanceOf(InvalidIntentException.class)
                .hasMessageContaining("the window 15:10-15:30 (2026-12-07, Asia/Seoul) is not inside one KRX session "
                        + "window that takes orderType 01");
        ParentIntent saturday = intent("w2", "005930", 100, new ParentAlgorithm(AlgorithmKind.TWAP,
                Instant.parse("2026-12-12T01:00:00Z"), Instant.parse("2026-12-12T01:10:00Z"), 2, null, 0));
        assertThatThrownBy(() -> desk.accept(saturday)).hasMessageContaining("is not inside one KRX session window");
        ParentIntent restricted = intent("w3", "000000", 100, new ParentAlgorithm(AlgorithmKind.TWAP, OPEN,
                OPEN.plusSeconds(60), 2, null, 0));
        assertThatThrownBy(() -> desk.accept(restricted))
                .hasMessage("the risk check refuses a child of this parent order: SYMBOL_RESTRICTED {symbol=000000}");
        orders.create(new OrderIntent("w4", account, strategy, "005930", Side.BUY, 1, OrderType.MARKET, null,
                Exchange.KRX, Duration.ofSeconds(2), clock.instant()));
        assertThatThrownBy(() -> desk.accept(twap("w4", 100, 2, Duration.ofMinutes(2))))
                .hasMessageContaining("clientOrderId w4 already names an order of strategy");
        assertThat(store.byClientOrderId(strategy, "w4")).isEmpty();
        assertThat(store.byClientOrderId(strategy, "w1")).isEmpty();
        assertThat(store.byClientOrderId(strategy, "w2")).isEmpty();
        assertThat(store.byClientOrderId(strategy, "w3")).isEmpty();
    }

    @Test
    void aTwapSendsItsSlicesReslicesAShortfallAndFinishes() {
        ParentOrder p = desk.accept(twap("t2", 100, 2, Duration.ofSeconds(60))).parent();
        ParentOrchestrator o = orchestrator();
        List<Intent> first = round(o, p);
        assertThat(first).singleElement().satisfies(i -> {
            assertThat(i.clientOrderId()).isEqualTo(p.parentOrderId() + ".1");
            assertThat(((OrderIntent) i).quantity()).isEqualTo(50);
        });
        fill(take(first.get(0)).order(), 30);
        assertThat(round(o, p)).as("one child per slot").isEmpty();
        orders.transition(orders.byClientOrderId(strategy, p.parentOrderId() + ".1").orElseThrow().orderId(),
                OrderEventType.BROKER_CANCEL, OrderChange.because("test"));

        clock.advance(Duration.ofSeconds(30));
        List<Intent> second = round(o, p);
        assertThat(second).singleElement().satisfies(i -> assertThat(((OrderIntent) i).quantity())
                .as("slot 2 and slot 1's unfilled 20").isEqualTo(70));
        OrderRecord resting = fill(take(second.get(0)).order(), 65);

        clock.advance(Duration.ofSeconds(30));
        assertThat(round(o, p)).as("nothing open: the 5 resting count as working, no catch-up").isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.COMPLETING);
        orders.transition(resting.orderId(), OrderEventType.PARTIAL_FILL, OrderChange.because("test")
                .fill(5, new BigDecimal("70100")));
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.DONE);
        assertThat(ParentProgress.of(store.children(p.parentOrderId())).filled()).isEqualTo(100);
    }

    @Test
    void aTwapShortAtItsEndSendsOneCatchUpChild() {
        ParentOrder p = desk.accept(twap("t7", 100, 2, Duration.ofSeconds(60))).parent();
        ParentOrchestrator o = orchestrator();
        OrderRecord first = fill(take(round(o, p).get(0)).order(), 50);
        clock.advance(Duration.ofSeconds(30));
        OrderRecord second = fill(take(round(o, p).get(0)).order(), 20);
        orders.transition(second.orderId(), OrderEventType.BROKER_CANCEL, OrderChange.because("test"));
        clock.advance(Duration.ofSeconds(30));
        List<Intent> catchUp = round(o, p);
        assertThat(catchUp).singleElement().satisfies(i -> {
            assertThat(i.clientOrderId()).isEqualTo(p.parentOrderId() + ".3");
            assertThat(((OrderIntent) i).quantity()).isEqualTo(30);
        });
        assertThat(first.filledQuantity()).isEqualTo(50);
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.COMPLETING);
        take(catchUp.get(0));
        clock.advance(Duration.ofSeconds(1));
        assertThat(round(o, p)).as("no second catch-up").isEmpty();
    }

    @Test
    void aRestartedLeaderSendsAPlannedChildAgainUnderTheSameClientIdNeverASecondOrder() {
        ParentOrder p = desk.accept(twap("t3", 90, 3, Duration.ofSeconds(90))).parent();
        List<Intent> planned = round(orchestrator(), p);
        assertThat(planned).hasSize(1);
        // the leader dies after recording the child, before (or while) sending it: a new leader's first round
        List<Intent> again = round(orchestrator(), p);
        assertThat(again).extracting(Intent::clientOrderId).containsExactly(planned.get(0).clientOrderId());
        assertThat(take(again.get(0)).created()).isTrue();
        // and once it is an order, a third instance neither resends it nor plans another in its slot
        assertThat(round(orchestrator(), p)).isEmpty();
        assertThat(take(planned.get(0)).created()).as("the old leader's late send finds the order").isFalse();
        assertThat(store.children(p.parentOrderId())).hasSize(1);
    }

    @Test
    void aKillSwitchPausesTheParentAndItResumesWhenActiveAgain() {
        ParentOrder p = desk.accept(twap("t4", 100, 2, Duration.ofSeconds(60))).parent();
        ParentOrchestrator o = orchestrator();
        tradingAllowed.set(false);
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.PAUSED);
        clock.advance(Duration.ofSeconds(31));
        assertThat(round(o, p)).as("no child while halted").isEmpty();
        tradingAllowed.set(true);
        List<Intent> resumed = round(o, p);
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.WORKING);
        assertThat(resumed).singleElement().satisfies(i -> assertThat(((OrderIntent) i).quantity()).isEqualTo(100));
        assertThat(store.history(p.parentOrderId())).contains("ACCEPTED -(PAUSE)-> PAUSED", "PAUSED -(RESUME)-> WORKING");
    }

    @Test
    void aParentStillPausedWhenItsWindowEndsStopsAndFinishesInsteadOfWaitingForever() {
        ParentOrder p = desk.accept(twap("t8", 100, 2, Duration.ofSeconds(60))).parent();
        ParentOrchestrator o = orchestrator();
        fill(take(round(o, p).get(0)).order(), 50);
        tradingAllowed.set(false);
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.PAUSED);
        clock.advance(Duration.ofSeconds(60));
        assertThat(round(o, p)).as("no catch-up while halted").isEmpty();
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.DONE);
        assertThat(store.history(p.parentOrderId())).contains("PAUSED -(STOP_SENDING)-> COMPLETING",
                "COMPLETING -(FINISH)-> DONE");
    }

    @Test
    void aCancelledParentCancelsItsRestingChildrenAndEndsOnceNoneWorks() {
        ParentOrder p = desk.accept(twap("t5", 100, 2, Duration.ofSeconds(60))).parent();
        ParentOrchestrator o = orchestrator();
        OrderRecord child = fill(take(round(o, p).get(0)).order(), 0);
        ParentOrder cancelling = desk.cancel(new CancelIntent("t5-x", "t5", account, strategy, 0, Duration.ofSeconds(2),
                clock.instant()));
        assertThat(cancelling.state()).isEqualTo(ParentState.CANCELLING);
        clock.advance(Duration.ofSeconds(40));
        List<Intent> cancels = round(o, p);
        assertThat(cancels).singleElement().isInstanceOfSatisfying(CancelIntent.class,
                c -> assertThat(c.targetClientOrderId()).isEqualTo(child.clientOrderId()));
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.CANCELLING);
        orders.transition(child.orderId(), OrderEventType.CANCEL_REQUEST, OrderChange.because("test"));
        orders.transition(child.orderId(), OrderEventType.CANCEL_ACK, OrderChange.because("test"));
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.CANCELLED);
        assertThat(desk.namesParent(new CancelIntent("t5-y", "t5", account, strategy, 0, Duration.ofSeconds(2),
                clock.instant()))).isTrue();
        assertThat(desk.namesParent(new CancelIntent("t5-z", child.clientOrderId(), account, strategy, 0,
                Duration.ofSeconds(2), clock.instant()))).isFalse();
    }

    @Test
    void aNewOrderMayNotTakeAParentsClientIdWhichItsCancelsWouldReach() {
        desk.accept(twap("t9", 100, 2, Duration.ofSeconds(60)));
        assertThatThrownBy(() -> desk.requireNoParent(new OrderIntent("t9", account, strategy, "005930",
                Side.BUY, 1, OrderType.MARKET, null, Exchange.KRX, Duration.ofSeconds(2),
                clock.instant()))).isInstanceOf(InvalidIntentException.class).hasMessageContaining("names a parent order");
        desk.requireNoParent(new OrderIntent("t9-plain", account, strategy, "005930", Side.BUY, 1,
                OrderType.MARKET, null, Exchange.KRX, Duration.ofSeconds(2), clock.instant()));
    }

    @Test
    void aParentWhoseChildrenAreRefusedOverAndOverFails() {
        ParentOrder p = desk.accept(twap("t6", 100, 10, Duration.ofSeconds(100))).parent();
        ParentOrchestrator o = orchestrator();
        for (int i = 0; i < 3; i++) {
            OrderRecord child = take(round(o, p).get(0)).order();
            orders.transition(child.orderId(), OrderEventType.DENY, OrderChange.because("test").rejection("R", "r"));
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(round(o, p)).isEmpty();
        assertThat(store.byId(p.parentOrderId()).orElseThrow().state()).isEqualTo(ParentState.FAILED);
    }

    @Test
    void aPovWaitsForTheMarketsVolumeAndTakesItsShare() {
        ParentOrder p = desk.accept(intent("v1", "005930", 1_000, new ParentAlgorithm(AlgorithmKind.POV,
                clock.instant(), clock.instant().plusSeconds(600), 0, new BigDecimal("0.10"), 0))).parent();
        ParentOrchestrator o = orchestrator();
        assertThat(round(o, p)).as("no volume seen yet").isEmpty();
        assertThat(watched).as("its symbol asked for on the trade stream").contains("005930");
        marketVolume.set(50_000);
        assertThat(round(o, p)).as("the first figure is the base").isEmpty();
        marketVolume.set(52_345);
        assertThat(round(o, p)).singleElement().satisfies(i -> assertThat(((OrderIntent) i).quantity()).isEqualTo(234));
    }

    @Test
    void aTwapChildStillRestingWhenItsSlotIsOverIsCancelledAndItsRestGoesIntoTheNextSlot() {
        ParentOrder p = desk.accept(intent("r1", "005930", 100, new ParentAlgorithm(AlgorithmKind.TWAP, clock.instant(),
                clock.instant().plusSeconds(60), 2, null, 0))).parent();
        ParentOrchestrator o = orchestrator();
        OrderRecord resting = fill(take(round(o, p).get(0)).order(), 10);
        clock.advance(Duration.ofSeconds(29));
        assertThat(round(o, p)).as("within its slot").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<Intent> next = round(o, p);
        assertThat(next).filteredOn(i -> i instanceof CancelIntent).singleElement()
                .satisfies(c -> assertThat(((CancelIntent) c).targetClientOrderId()).isEqualTo(resting.clientOrderId()));
        assertThat(next).filteredOn(i -> i instanceof OrderIntent).singleElement()
                .satisfies(c -> assertThat(((OrderIntent) c).quantity()).as("slot 2: the whole 100 less 10 filled and 40 resting")
                        .isEqualTo(50));
        take(next.stream().filter(i -> i instanceof OrderIntent).findFirst().orElseThrow());
        orders.transition(resting.orderId(), OrderEventType.CANCEL_REQUEST, OrderChange.because("test"));
        orders.transition(resting.orderId(), OrderEventType.CANCEL_ACK, OrderChange.because("test"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(round(o, p)).filteredOn(i -> i instanceof OrderIntent).singleElement()
                .satisfies(c -> assertThat(((OrderIntent) c).quantity()).as("the catch-up: the cancelled 40")
                        .isEqualTo(40));
    }

    @Test
    void aLimitSweepSendsAsManyCappedChildrenAsTheParentsShareOfTheBudgetAllows() {
        ParentOrder p = desk.accept(new ParentIntent("s1", account, strategy, "005930", Side.BUY, 100, OrderType.LIMIT,
                new BigDecimal("70000"), Exchange.KRX, new ParentAlgorithm(AlgorithmKind.LIMIT_SWEEP, clock.instant(),
                clock.instant().plusSeconds(60), 0, null, 30), Duration.ofSeconds(2), clock.instant())).parent();
        ParentOrchestrator three = new ParentOrchestrator(store, (account, s) -> true, symbol -> OptionalLong.empty(),
                (account, symbol) -> { }, new ChildSendAllowance(3, a -> "key-" + a, clock),
                new ParentOrchestrator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 3), clock);
        List<Intent> first = round(three, p);
        assertThat(first).extracting(i -> ((OrderIntent) i).quantity()).containsExactly(30L, 30L, 30L);
        first.forEach(this::take);
        assertThat(round(three, p)).as("the share's three a second are taken").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(round(three, p)).extracting(i -> ((OrderIntent) i).quantity()).containsExactly(10L);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
