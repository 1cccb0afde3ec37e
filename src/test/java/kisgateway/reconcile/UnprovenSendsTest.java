package kisgateway.reconcile;

import static kisgateway.reconcile.Fixtures.AS_OF;
import static kisgateway.reconcile.Fixtures.day;
import static kisgateway.reconcile.Fixtures.fill;
import static kisgateway.reconcile.Fixtures.id;
import static kisgateway.reconcile.Fixtures.kst;
import static kisgateway.reconcile.Fixtures.odno;
import static kisgateway.reconcile.Fixtures.order;
import static kisgateway.reconcile.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Orders sent with no provable outcome: RECONCILE_REQUIRED, and SUBMITTED orders a crash left behind. */
class UnprovenSendsTest {

    private static final String N1 = odno(201);
    private static final String N2 = odno(202);
    private static final Instant SENT = kst(9, 0, 0);
    private static final Instant RECENT = AS_OF.minusSeconds(30);

    record Case(String name, Fixtures.Order order, List<Fixtures.Row> rows, List<String> settlements,
                List<String> missing, OrderState finalState) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> found() {
        return Stream.of(
                new Case("accepted while the gateway timed out",
                        order(1).state(OrderState.RECONCILE_REQUIRED), List.of(row(N1)),
                        List.of("BEFORE_FILLS:RECONCILE_ACKED"), List.of(), OrderState.ACKED),
                new Case("accepted and partly filled",
                        order(1).state(OrderState.RECONCILE_REQUIRED), List.of(row(N1).filled(4, "284000")),
                        List.of("BEFORE_FILLS:RECONCILE_PARTIAL"), List.of("4@71000"), OrderState.PARTIAL_FILLED),
                new Case("accepted and filled: found with fills, the fills complete it",
                        order(1).state(OrderState.RECONCILE_REQUIRED), List.of(row(N1).filled(10, "709000")),
                        List.of("BEFORE_FILLS:RECONCILE_PARTIAL"), List.of("10@70900"), OrderState.FILLED),
                new Case("accepted and cancelled",
                        order(1).state(OrderState.RECONCILE_REQUIRED),
                        List.of(row(N1).remaining(0), row(N2).orig(N1).cancel()),
                        List.of("BEFORE_FILLS:RECONCILE_CANCELED"), List.of(), OrderState.CANCELED),
                new Case("accepted, partly filled, rest cancelled",
                        order(1).state(OrderState.RECONCILE_REQUIRED),
                        List.of(row(N1).filled(3, "213000").remaining(0), row(N2).orig(N1).qty(7).cancel()),
                        List.of("BEFORE_FILLS:RECONCILE_CANCELED"), List.of("3@71000"), OrderState.CANCELED),
                new Case("rejected at KIS",
                        order(1).state(OrderState.RECONCILE_REQUIRED), List.of(row(N1).rejected(10)),
                        List.of("BEFORE_FILLS:RECONCILE_ABSENT"), List.of(), OrderState.REJECTED),
                new Case("a crash mid-send: SUBMITTED past the grace, found at KIS",
                        order(1).state(OrderState.SUBMITTED), List.of(row(N1).filled(2, "142000")),
                        List.of("BEFORE_FILLS:AMBIGUOUS", "BEFORE_FILLS:RECONCILE_PARTIAL"), List.of("2@71000"),
                        OrderState.PARTIAL_FILLED),
                new Case("sent long ago, KIS has nothing like it: absent",
                        order(1).state(OrderState.RECONCILE_REQUIRED), List.of(row(N1).qty(11)),
                        List.of("AFTER_FILLS:RECONCILE_ABSENT"), List.of(), OrderState.REJECTED),
                new Case("a crash mid-send, nothing at KIS: absent",
                        order(1).state(OrderState.SUBMITTED), List.of(),
                        List.of("AFTER_FILLS:AMBIGUOUS", "AFTER_FILLS:RECONCILE_ABSENT"), List.of(), OrderState.REJECTED),
                new Case("sent moments ago, nothing at KIS yet: wait",
                        order(1).state(OrderState.RECONCILE_REQUIRED).sentAt(RECENT), List.of(),
                        List.of(), List.of(), OrderState.RECONCILE_REQUIRED),
                new Case("SUBMITTED moments ago: in flight, not judged even though KIS has it",
                        order(1).state(OrderState.SUBMITTED).sentAt(RECENT), List.of(row(N1).at(RECENT.plusSeconds(1))),
                        List.of(), List.of(), OrderState.SUBMITTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("found")
    void settlesToTheBrokersTrueState(Case c) {
        Fixtures.Day day = day().order(c.order());
        c.rows().forEach(day::row);
        ReconciliationOutcome outcome = day.reconcile();

        assertThat(outcome.settlements()).extracting(s -> s.stage() + ":" + s.event())
                .containsExactlyElementsOf(c.settlements());
        assertThat(outcome.missingFills()).extracting(f -> f.quantity() + "@" + Evidence.text(f.price()))
                .containsExactlyElementsOf(c.missing());
        assertThat(outcome.newBreaks()).extracting(Break::kind).filteredOn(k -> k != BreakKind.POSITION_QUANTITY)
                .isEmpty();
        var book = OutcomeReplay.apply(day.local(), outcome).get(id(1));
        assertThat(book.illegal()).isEmpty();
        assertThat(book.state()).isEqualTo(c.finalState());
    }

    @Test
    void theMatchedOrderGetsItsNumberWithTheFirstReconcileEvent() {
        ReconciliationOutcome outcome = day().order(order(1).state(OrderState.RECONCILE_REQUIRED))
                .row(row(N1).at(kst(9, 0, 2))).reconcile();
        Settlement s = outcome.settlements().get(0);
        assertThat(s.kisOrderNo()).isEqualTo(N1);
        assertThat(s.kisBranchNo()).isEqualTo("06010");
        assertThat(s.kisOrderTime()).isEqualTo(kst(9, 0, 2));
        assertThat(s.orderChange().kisOrderNo()).isEqualTo(N1);
        assertThat(s.reason()).contains("deterministic matcher");
        assertThat(outcome.externalOrders()).isEmpty();
    }

    /**
     * KIS's clock 8 s behind the host's: KIS's order time is 8 s before the send, outside the 5 s window. Unwidened,
     * the gateway's own working order is judged absent (REJECTED) and KIS's order taken for an external one; widened
     * by the measured skew, it is matched. A skew of either sign widens both sides.
     */
    @Test
    void aMeasuredClockSkewWidensTheMatchWindow() {
        Fixtures.Day day = day().order(order(1).state(OrderState.RECONCILE_REQUIRED).sentAt(SENT))
                .row(row(N1).at(SENT.minusSeconds(8)));
        ReconciliationOutcome unwidened = day.reconcile();
        assertThat(unwidened.settlements()).extracting(Settlement::event).containsExactly(OrderEventType.RECONCILE_ABSENT);
        assertThat(unwidened.externalOrders()).extracting(ExternalOrder::kisOrderNo).containsExactly(N1);

        for (Duration skew : List.of(Duration.ofSeconds(-8), Duration.ofSeconds(8))) {
            ReconciliationOutcome widened = day.reconcile(ReconciliationSettings.defaults().withMatchWindowWidenedBy(skew));
            assertThat(widened.settlements()).extracting(s -> s.event() + ":" + s.kisOrderNo())
                    .containsExactly("RECONCILE_ACKED:" + N1);
            assertThat(widened.externalOrders()).isEmpty();
        }
        ReconciliationSettings widened = ReconciliationSettings.defaults().withMatchWindowWidenedBy(Duration.ofSeconds(-8));
        assertThat(widened.matchWindowBefore()).isEqualTo(Duration.ofSeconds(13));
        assertThat(widened.matchWindowAfter()).isEqualTo(Duration.ofSeconds(68));
    }

    @Test
    void twoCandidatesAreABreakWithEveryCandidateAsEvidenceNeverAGuess() {
        ReconciliationOutcome outcome = day().order(order(1).state(OrderState.RECONCILE_REQUIRED))
                .row(row(N1).at(kst(9, 0, 1))).row(row(N2).at(kst(9, 0, 3))).reconcile();
        assertThat(outcome.settlements()).isEmpty();
        assertThat(outcome.externalOrders()).as("candidates may be ours: not external").isEmpty();
        assertThat(outcome.newBreaks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BreakKind.AMBIGUOUS_MATCH);
            assertThat(b.subject()).isEqualTo(id(1).toString());
            assertThat(b.evidence().broker()).containsKeys("candidate." + N1, "candidate." + N2);
        });
    }

    @Test
    void ambiguityWithinTheGraceWaitsForASiblingStillInFlight() {
        ReconciliationOutcome outcome = day()
                .order(order(1).state(OrderState.RECONCILE_REQUIRED).sentAt(RECENT))
                .order(order(2).state(OrderState.SUBMITTED).sentAt(RECENT))
                .row(row(N1).at(RECENT.plusSeconds(1))).row(row(N2).at(RECENT.plusSeconds(2))).reconcile();
        assertThat(outcome.settlements()).isEmpty();
        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.externalOrders()).isEmpty();
    }

    @Test
    void aUniqueCandidateAnotherUnsettledOrderAlsoMatchesIsNotSettled() {
        // order 2 was sent later; with a 60 s window both see only N1
        ReconciliationOutcome outcome = day()
                .order(order(1).state(OrderState.RECONCILE_REQUIRED).sentAt(kst(9, 0, 0)))
                .order(order(2).state(OrderState.RECONCILE_REQUIRED).sentAt(kst(9, 0, 30)))
                .row(row(N1).at(kst(9, 0, 31))).reconcile();
        assertThat(outcome.settlements()).isEmpty();
        assertThat(outcome.newBreaks()).extracting(Break::kind, Break::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BreakKind.AMBIGUOUS_MATCH, id(1).toString()),
                org.assertj.core.groups.Tuple.tuple(BreakKind.AMBIGUOUS_MATCH, id(2).toString()));
    }

    @Test
    void aBrokerOrderAnotherOrderAlreadyHoldsIsNoCandidate() {
        ReconciliationOutcome outcome = day()
                .order(order(1).numbers(N1))
                .order(order(2).state(OrderState.RECONCILE_REQUIRED))
                .row(row(N1).at(kst(9, 0, 1))).row(row(N2).at(kst(9, 0, 2))).reconcile();
        assertThat(outcome.settlements()).singleElement().satisfies(s -> {
            assertThat(s.orderId()).isEqualTo(id(2));
            assertThat(s.kisOrderNo()).isEqualTo(N2);
        });
    }

    @Test
    void aSubmittedOrderGetsItsTimeToLiveOnTopOfTheGrace() {
        // sent 150 s before the snapshot: past the 120 s grace, but not past grace + 60 s time-to-live
        ReconciliationOutcome outcome = day().order(order(1).state(OrderState.SUBMITTED)
                .sentAt(AS_OF.minusSeconds(150)).ttl(Duration.ofSeconds(60))).reconcile();
        assertThat(outcome.settlements()).isEmpty();
        assertThat(outcome.counts().ordersCompared()).isZero();
    }

    @Test
    void parkedStreamFillsOfTheFoundNumberAreNotInferredAgain() {
        Fixtures.Day day = day().order(order(1).state(OrderState.RECONCILE_REQUIRED))
                .fill(fill("F1", null, N1, Side.BUY, 4, "71000"))
                .row(row(N1).filled(10, "709400"));
        ReconciliationOutcome outcome = day.reconcile();
        assertThat(outcome.missingFills()).extracting(MissingFill::quantity).containsExactly(6L);
        assertThat(outcome.missingFills().get(0).price()).isEqualByComparingTo("70900");
        var book = OutcomeReplay.apply(day.local(), outcome).get(id(1));
        assertThat(book.state()).isEqualTo(OrderState.FILLED);
        assertThat(book.filled()).isEqualTo(10);
    }

    @Test
    void theAbsentSettlementNamesTheWindowItSearched() {
        Settlement s = day().order(order(1).state(OrderState.RECONCILE_REQUIRED)).reconcile().settlements().get(0);
        assertThat(s.event()).isEqualTo(OrderEventType.RECONCILE_ABSENT);
        assertThat(s.to()).isEqualTo(OrderState.REJECTED);
        assertThat(s.kisOrderNo()).isNull();
        assertThat(s.evidence().broker()).containsEntry("matchingOrders", "0")
                .containsEntry("windowFrom", "2026-11-20T08:59:55+09:00")
                .containsEntry("windowTo", "2026-11-20T09:01:00+09:00");
    }
}
