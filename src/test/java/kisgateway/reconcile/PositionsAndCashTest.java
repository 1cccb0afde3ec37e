package kisgateway.reconcile;

import static kisgateway.reconcile.Fixtures.SYMBOL;
import static kisgateway.reconcile.Fixtures.day;
import static kisgateway.reconcile.Fixtures.odno;
import static kisgateway.reconcile.Fixtures.order;
import static kisgateway.reconcile.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import kisgateway.order.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PositionsAndCashTest {

    record PositionCase(String name, Long localQty, String localAvg, Long brokerQty, String brokerAvg,
                        List<BreakKind> breaks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PositionCase> positions() {
        return Stream.of(
                new PositionCase("agree", 10L, "71000", 10L, "71000", List.of()),
                new PositionCase("average within 0.5 %", 10L, "71000", 10L, "71300", List.of()),
                new PositionCase("average beyond 0.5 %", 10L, "71000", 10L, "71400", List.of(BreakKind.POSITION_AVG_PRICE)),
                new PositionCase("quantity differs", 10L, "71000", 12L, "71000", List.of(BreakKind.POSITION_QUANTITY)),
                new PositionCase("held locally, unknown at KIS", 10L, "71000", null, null, List.of(BreakKind.POSITION_QUANTITY)),
                new PositionCase("held at KIS, unknown locally", null, null, 10L, "71000", List.of(BreakKind.POSITION_QUANTITY)),
                new PositionCase("sold out today: KIS lists 0 until D+2", null, null, 0L, "0", List.of()),
                new PositionCase("both zero", 0L, null, 0L, "71000", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void positionsPerSymbol(PositionCase c) {
        Fixtures.Day day = day();
        if (c.localQty() != null) {
            day.localPosition(SYMBOL, c.localQty(), c.localAvg());
        }
        if (c.brokerQty() != null) {
            day.brokerPosition(SYMBOL, c.brokerQty(), c.brokerAvg());
        }
        ReconciliationOutcome outcome = day.reconcile();
        assertThat(outcome.newBreaks()).extracting(Break::kind).containsExactlyElementsOf(c.breaks());
        assertThat(outcome.newBreaks()).allSatisfy(b -> assertThat(b.subject()).isEqualTo(SYMBOL));
    }

    @Test
    void missingFillsOfThisRunAreCountedInBeforePositionsAreJudged() {
        ReconciliationOutcome outcome = day().order(order(1).numbers(odno(1)))
                .row(row(odno(1)).filled(10, "710000"))
                .localPosition(SYMBOL, 5, "70000").brokerPosition(SYMBOL, 15, "70333").reconcile();
        assertThat(outcome.newBreaks()).isEmpty();
    }

    @Test
    void thePositionBreakShowsBothSides() {
        Break b = day().localPosition(SYMBOL, 10, "71000").brokerPosition(SYMBOL, 12, "71000").reconcile()
                .newBreaks().get(0);
        assertThat(b.evidence().local()).containsEntry("quantity", "10").containsEntry("projectedQuantity", "10");
        assertThat(b.evidence().broker()).containsEntry("quantity", "12").containsEntry("avgPrice", "71000");
        assertThat(b.summary()).isEqualTo("holding 10 locally, 12 at KIS");
    }

    record CashCase(String name, String expected, String broker, boolean isBreak) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CashCase> cash() {
        return Stream.of(
                new CashCase("equal", "10000000", "10000000", false),
                new CashCase("within the tolerance", "10000000", "9999000", false),
                new CashCase("just beyond", "10000000", "9998999", true),
                new CashCase("above by more", "10000000", "10005000", true),
                new CashCase("expected unknown: not compared", null, "1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cash")
    void cashWithinTheTolerance(CashCase c) {
        ReconciliationOutcome outcome = day().cash(c.expected(), c.broker()).reconcile();
        assertThat(outcome.newBreaks()).extracting(Break::kind)
                .containsExactlyElementsOf(c.isBreak() ? List.of(BreakKind.CASH) : List.of());
    }

    @Test
    void missingFillsMoveTheExpectedCash() {
        // a 10 x 71,000 buy the fills table lacks: the broker's D+2 cash already shows it spent
        ReconciliationOutcome outcome = day().order(order(1).numbers(odno(1)))
                .row(row(odno(1)).filled(10, "710000")).brokerPosition(SYMBOL, 10, "71000")
                .cash("10000000", "9290000").reconcile();
        assertThat(outcome.newBreaks()).isEmpty();

        Break b = day().order(order(1).numbers(odno(1)).side(Side.BUY))
                .row(row(odno(1)).filled(10, "710000")).brokerPosition(SYMBOL, 10, "71000")
                .cash("10000000", "10000000").reconcile().newBreaks().get(0);
        assertThat(b.kind()).isEqualTo(BreakKind.CASH);
        assertThat(b.subject()).isEqualTo("cash");
        assertThat(b.evidence().local()).containsEntry("projected", "9290000").containsEntry("missingFillAmount", "-710000");
        assertThat(b.evidence().broker()).containsEntry("settlementCashD2", "10000000");
    }

    @Test
    void theDepositCanBeTheMeasureInstead() {
        ReconciliationSettings deposit = new ReconciliationSettings(new BigDecimal("1000"), CashMeasure.DEPOSIT,
                ReconciliationSettings.defaults().inFlightGrace(), ReconciliationSettings.defaults().matchWindowBefore(),
                ReconciliationSettings.defaults().matchWindowAfter(), BigDecimal.ONE, new BigDecimal("0.005"),
                ReconciliationSettings.defaults().ticks());
        // Fixtures' broker deposit is 50,000,000
        assertThat(day().cash("50000000", "1").reconcile(deposit).newBreaks()).isEmpty();
        assertThat(day().cash("50000000", "1").reconcile().newBreaks()).hasSize(1);
    }
}
