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

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.snapshot.LocalFill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Orders the gateway knows by KIS number, compared with their broker chain. */
class KnownOrdersTest {

    private static final String N1 = odno(101);
    private static final String N2 = odno(102);
    private static final String N3 = odno(103);
    private static final UUID O1 = id(1);

    /**
     * @param settlements "STAGE:EVENT" in outcome order
     * @param missing     "qty@price" per missing fill
     * @param breaks      the kinds of breaks found
     * @param finalState  the order's state once the outcome is applied (null: no check, it is a break)
     */
    record Case(String name, Fixtures.Order order, List<LocalFill> fills, List<Fixtures.Row> rows,
                List<String> settlements, List<String> missing, List<BreakKind> breaks, OrderState finalState) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Times t = new Times();
        return Stream.of(
                new Case("working on both sides: nothing to do",
                        order(1).numbers(N1), List.of(), List.of(row(N1)),
                        List.of(), List.of(), List.of(), OrderState.ACKED),
                new Case("fully filled at KIS, nothing locally: one missing fill, the fill path completes it",
                        order(1).numbers(N1), List.of(), List.of(row(N1).filled(10, "710000")),
                        List.of(), List.of("10@71000"), List.of(), OrderState.FILLED),
                new Case("partly filled locally, more at KIS: the rest at the implied price",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(4, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 4, "71000")),
                        List.of(row(N1).filled(10, "709400")),
                        List.of(), List.of("6@70900"), List.of(), OrderState.FILLED),
                new Case("remainder cancelled by a cancel the gateway never sent",
                        order(1).numbers(N1),
                        List.of(), List.of(row(N1).filled(3, "213000").remaining(0), row(N2).orig(N1).qty(7).cancel()),
                        List.of("AFTER_FILLS:BROKER_CANCEL"), List.of("3@71000"), List.of(), OrderState.CANCELED),
                new Case("IOC remainder lapsed at the exchange",
                        order(1).numbers(N1), List.of(), List.of(row(N1).division("11").filled(4, "284000").remaining(0)),
                        List.of("AFTER_FILLS:BROKER_CANCEL"), List.of("4@71000"), List.of(), OrderState.CANCELED),
                new Case("cancel pending, KIS cancelled",
                        order(1).numbers(N1).state(OrderState.CANCEL_PENDING),
                        List.of(), List.of(row(N1).remaining(0), row(N2).orig(N1).cancel()),
                        List.of("AFTER_FILLS:CANCEL_ACK"), List.of(), List.of(), OrderState.CANCELED),
                new Case("cancel pending past the grace, KIS still working it: back to working",
                        order(1).numbers(N1).state(OrderState.CANCEL_PENDING).pendingSince(kst(9, 50, 0)),
                        List.of(), List.of(row(N1)),
                        List.of("AFTER_FILLS:CANCEL_REJECT"), List.of(), List.of(), OrderState.ACKED),
                new Case("cancel pending within the grace: wait",
                        order(1).numbers(N1).state(OrderState.CANCEL_PENDING).pendingSince(t.justNow),
                        List.of(), List.of(row(N1)),
                        List.of(), List.of(), List.of(), OrderState.CANCEL_PENDING),
                new Case("partial cancel booked at KIS: the rest works on, the cancel's number is filed",
                        order(1).numbers(N1).state(OrderState.CANCEL_PENDING).pendingSince(t.justNow),
                        List.of(), List.of(row(N1).remaining(6), row(N2).orig(N1).qty(4).cancel()),
                        List.of("AFTER_FILLS:CANCEL_REJECT"), List.of(), List.of(), OrderState.ACKED),
                new Case("cancel pending, but it all filled first",
                        order(1).numbers(N1).state(OrderState.CANCEL_PENDING), List.of(),
                        List.of(row(N1).filled(10, "710000")),
                        List.of(), List.of("10@71000"), List.of(), OrderState.FILLED),
                new Case("revision booked while the answer was lost: the new number first, then its fills",
                        order(1).numbers(N1).state(OrderState.REPLACE_PENDING), List.of(),
                        List.of(row(N1).remaining(0), row(N2).orig(N1).price("70900").filled(2, "141800")),
                        List.of("BEFORE_FILLS:REPLACE_ACK"), List.of("2@70900"), List.of(), OrderState.PARTIAL_FILLED),
                new Case("replace pending past the grace, no revision at KIS: back to working",
                        order(1).numbers(N1).state(OrderState.REPLACE_PENDING).pendingSince(kst(9, 0, 0)),
                        List.of(), List.of(row(N1)),
                        List.of("AFTER_FILLS:REPLACE_REJECT"), List.of(), List.of(), OrderState.ACKED),
                new Case("accepted by KIS, refused by the exchange",
                        order(1).numbers(N1), List.of(), List.of(row(N1).rejected(10)),
                        List.of("AFTER_FILLS:REJECT"), List.of(), List.of(), OrderState.REJECTED),
                new Case("filled locally, rejected at KIS: a contradiction",
                        order(1).numbers(N1).state(OrderState.FILLED).filled(10, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 10, "71000")), List.of(row(N1).rejected(10)),
                        List.of(), List.of(), List.of(BreakKind.FILLS_AHEAD), null),
                new Case("rejected locally, working at KIS",
                        order(1).numbers(N1).state(OrderState.REJECTED), List.of(), List.of(row(N1)),
                        List.of(), List.of(), List.of(BreakKind.ORDER_STATUS), null),
                new Case("cancelled locally, still working at KIS",
                        order(1).numbers(N1).state(OrderState.CANCELED), List.of(), List.of(row(N1)),
                        List.of(), List.of(), List.of(BreakKind.ORDER_STATUS), null),
                new Case("cancelled locally, the racing remainder filled at KIS",
                        order(1).numbers(N1).state(OrderState.CANCELED), List.of(),
                        List.of(row(N1).filled(10, "710000")),
                        List.of(), List.of("10@71000"), List.of(), OrderState.FILLED),
                new Case("more filled locally than at KIS",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(6, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 6, "71000")), List.of(row(N1).filled(4, "284000")),
                        List.of(), List.of(), List.of(BreakKind.FILLS_AHEAD), null),
                new Case("same quantity, another average price",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(4, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 4, "71000")), List.of(row(N1).filled(4, "283600")),
                        List.of(), List.of(), List.of(BreakKind.FILL_PRICE), null),
                new Case("implied price above the buy limit",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(4, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 4, "71000")), List.of(row(N1).filled(10, "716000")),
                        List.of(), List.of(), List.of(BreakKind.IMPLIED_PRICE), null),
                new Case("one missing share off the tick grid",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(1, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 1, "71000")), List.of(row(N1).filled(2, "141997")),
                        List.of(), List.of(), List.of(BreakKind.IMPLIED_PRICE), null),
                new Case("the order's filled quantity disagrees with its fills",
                        order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(5, "71000"),
                        List.of(fill("F1", O1, N1, Side.BUY, 4, "71000")), List.of(row(N1).filled(4, "284000")),
                        List.of(), List.of(), List.of(BreakKind.ORDER_FILLED), null),
                new Case("different order quantity at KIS",
                        order(1).numbers(N1).qty(12), List.of(), List.of(row(N1)),
                        List.of(), List.of(), List.of(BreakKind.ORDER_QUANTITY), null),
                new Case("revised at KIS outside the gateway",
                        order(1).numbers(N1), List.of(),
                        List.of(row(N1).remaining(0), row(N3).orig(N1).price("70500")),
                        List.of(), List.of(), List.of(BreakKind.ORDER_CHAIN), null),
                new Case("parked fills of the order attach; KIS has nothing more",
                        order(1).numbers(N1), List.of(fill("F1", null, N1, Side.BUY, 3, "71000")),
                        List.of(row(N1).filled(3, "213000")),
                        List.of(), List.of(), List.of(), OrderState.PARTIAL_FILLED));
    }

    /** A holder for times relative to the snapshot. */
    static final class Times {
        final java.time.Instant justNow = AS_OF.minusSeconds(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void settlesWhatTheBrokerIsAheadOnAndBreaksTheRest(Case c) {
        Fixtures.Day day = day().order(c.order());
        c.fills().forEach(day::fill);
        c.rows().forEach(day::row);
        ReconciliationOutcome outcome = day.reconcile();

        assertThat(outcome.settlements()).extracting(s -> s.stage() + ":" + s.event())
                .containsExactlyElementsOf(c.settlements());
        assertThat(outcome.missingFills()).extracting(f -> f.quantity() + "@" + Evidence.text(f.price()))
                .containsExactlyElementsOf(c.missing());
        // positions are not part of these cases (their own test judges them)
        assertThat(outcome.newBreaks()).extracting(Break::kind).filteredOn(k -> k != BreakKind.POSITION_QUANTITY)
                .containsExactlyElementsOf(c.breaks());
        assertThat(outcome.externalOrders()).isEmpty();
        if (c.finalState() != null) {
            Map<UUID, OutcomeReplay.OrderBook> books = OutcomeReplay.apply(day.local(), outcome);
            assertThat(books.get(O1).illegal()).isEmpty();
            assertThat(books.get(O1).state()).isEqualTo(c.finalState());
        }
        if (!c.breaks().isEmpty()) {
            assertThat(outcome.newBreaks()).filteredOn(b -> b.kind() != BreakKind.POSITION_QUANTITY).allSatisfy(b -> assertThat(b.subject()).isEqualTo(O1.toString()));
        }
    }

    @Test
    void aMissingFillCarriesTheFillPathsIdAndItsEvidence() {
        Fixtures.Day day = day().order(order(1).numbers(N1).state(OrderState.PARTIAL_FILLED).filled(4, "71000"))
                .fill(fill("F1", O1, N1, Side.BUY, 4, "71000"))
                .row(row(N1).filled(10, "709400"));
        MissingFill f = day.reconcile().missingFills().get(0);
        assertThat(f.fillId()).isEqualTo(kisgateway.fill.FillIds.inferredFill("acct1", N1, 10));
        assertThat(f.cumulativeAfter()).isEqualTo(10);
        assertThat(f.orderId()).isEqualTo(O1);
        assertThat(f.occurredAt()).isEqualTo(AS_OF);
        assertThat(f.source()).isEqualTo(kisgateway.fill.FillSource.RECONCILE);
        assertThat(f.evidence().local()).containsEntry("filled@" + N1, "4").containsEntry("filledValue@" + N1, "284000");
        assertThat(f.evidence().broker()).containsEntry("filled@" + N1, "10").containsEntry("impliedPrice@" + N1, "70900");
    }

    @Test
    void aSettlementCarriesTheNumbersAndEvidenceIntoTheOrderChange() {
        Fixtures.Day day = day().order(order(1).numbers(N1).state(OrderState.REPLACE_PENDING))
                .row(row(N1).remaining(0)).row(row(N2).orig(N1).price("70900"));
        Settlement s = day.reconcile().settlements().get(0);
        assertThat(s.event()).isEqualTo(kisgateway.order.OrderEventType.REPLACE_ACK);
        assertThat(s.from()).isEqualTo(OrderState.REPLACE_PENDING);
        assertThat(s.to()).isEqualTo(OrderState.ACKED);
        assertThat(s.kisOrderNo()).isEqualTo(N2);
        assertThat(s.newPrice()).isEqualByComparingTo("70900");
        kisgateway.order.OrderChange change = s.orderChange();
        assertThat(change.kisOrderNo()).isEqualTo(N2);
        assertThat(change.newPrice()).isEqualByComparingTo("70900");
        assertThat(change.cause()).startsWith("reconciliation: revision booked at KIS as " + N2);
        assertThat(change.detail()).containsKeys("local", "broker", "reconciled");
        assertThat(s.evidence().local()).containsEntry("state", "REPLACE_PENDING");
        assertThat(s.evidence().broker()).containsEntry("state", "ACKED").containsEntry("orderNumbers", N1 + "," + N2);
    }

    @Test
    void unpaddedNumbersFromOlderPaperAnswersStillMatch() {
        Fixtures.Day day = day().order(order(1).numbers("101")).row(row(N1).filled(10, "710000"))
                .brokerPosition(Fixtures.SYMBOL, 10, "71000");
        ReconciliationOutcome outcome = day.reconcile();
        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.externalOrders()).isEmpty();
        assertThat(outcome.missingFills()).hasSize(1);
    }

    @Test
    void anOrderOfTodayThatKisDoesNotListIsABreakOnceTheGraceHasPassed() {
        ReconciliationOutcome late = day().order(order(1).numbers(N1)).reconcile();
        assertThat(late.newBreaks()).extracting(Break::kind).containsExactly(BreakKind.ORDER_NOT_AT_BROKER);

        ReconciliationOutcome fresh = day().order(order(1).numbers(N1).sentAt(AS_OF.minusSeconds(10))).reconcile();
        assertThat(fresh.newBreaks()).isEmpty();
    }

    @Test
    void aWorkingOrderOfAPreviousDayExpires() {
        java.time.Instant yesterday = kst(9, 0, 0).minus(java.time.Duration.ofDays(1));
        ReconciliationOutcome outcome = day().order(order(1).numbers(N1).sentAt(yesterday)).reconcile();
        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.settlements()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(kisgateway.order.OrderEventType.EXPIRE);
            assertThat(s.to()).isEqualTo(OrderState.EXPIRED);
            assertThat(s.reason()).contains("good for their day");
        });
    }

    @Test
    void oneBrokerOrderClaimedByTwoOrdersIsABreakForBoth() {
        ReconciliationOutcome outcome = day().order(order(1).numbers(N1)).order(order(2).numbers(N1))
                .row(row(N1).filled(10, "710000")).reconcile();
        assertThat(outcome.settlements()).isEmpty();
        assertThat(outcome.missingFills()).isEmpty();
        assertThat(outcome.newBreaks()).extracting(Break::kind, Break::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BreakKind.ORDER_CHAIN, id(1).toString()),
                org.assertj.core.groups.Tuple.tuple(BreakKind.ORDER_CHAIN, id(2).toString()));
    }

    @Test
    void aNumberListedTwiceWithDifferentFiguresSettlesNothing() {
        ReconciliationOutcome outcome = day().order(order(1).numbers(N1))
                .row(row(N1).filled(2, "142000")).row(row(N1).filled(3, "213000")).reconcile();
        assertThat(outcome.missingFills()).isEmpty();
        assertThat(outcome.newBreaks()).extracting(Break::subject)
                .containsExactly(id(1).toString(), "odno:" + N1);
    }
}
