package kisgateway.reconcile;

import static kisgateway.reconcile.Fixtures.SYMBOL;
import static kisgateway.reconcile.Fixtures.day;
import static kisgateway.reconcile.Fixtures.fill;
import static kisgateway.reconcile.Fixtures.odno;
import static kisgateway.reconcile.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import kisgateway.order.OrderEventType;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import org.junit.jupiter.api.Test;

/** Broker orders no local order claims: recorded as EXTERNAL, their fills counted for positions. */
class ExternalOrdersTest {

    private static final String N1 = odno(301);
    private static final String N2 = odno(302);
    private static final String N3 = odno(303);

    @Test
    void anOrderPlacedOutsideTheGatewayIsRecordedWithItsFillsAndIsNotABreak() {
        Fixtures.Day day = day().row(row(N1).side(Side.SELL).qty(5).price("72000").filled(5, "360000"))
                .localPosition(SYMBOL, 20, "70000").brokerPosition(SYMBOL, 15, "70000");
        ReconciliationOutcome outcome = day.reconcile();

        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.externalOrders()).singleElement().satisfies(e -> {
            assertThat(e.orderId()).isEqualTo(ExternalOrder.idFor("acct1", N1));
            assertThat(e.clientOrderId()).isEqualTo("EXT-acct1-" + N1);
            assertThat(e.origin()).isEqualTo("EXTERNAL");
            assertThat(e.kisOrderNo()).isEqualTo(N1);
            assertThat(e.side()).isEqualTo(Side.SELL);
            assertThat(e.quantity()).isEqualTo(5);
            assertThat(e.initialState()).isEqualTo(OrderState.ACKED);
            assertThat(e.brokerState()).isEqualTo(OrderState.FILLED);
        });
        assertThat(outcome.missingFills()).singleElement().satisfies(f -> {
            assertThat(f.orderId()).isEqualTo(ExternalOrder.idFor("acct1", N1));
            assertThat(f.signedQuantity()).isEqualTo(-5);
            assertThat(f.price()).isEqualByComparingTo("72000");
        });
        var book = OutcomeReplay.apply(day.local(), outcome).get(ExternalOrder.idFor("acct1", N1));
        assertThat(book.state()).isEqualTo(OrderState.FILLED);
    }

    @Test
    void theExternalIdIsTheSameOnEveryRun() {
        ReconciliationOutcome first = day().row(row(N1)).reconcile();
        ReconciliationOutcome second = day().row(row(N1).filled(1, "71000")).reconcile();
        assertThat(first.externalOrders().get(0).orderId()).isEqualTo(second.externalOrders().get(0).orderId());
        assertThat(ExternalOrder.idFor("acct2", N1)).isNotEqualTo(ExternalOrder.idFor("acct1", N1));
    }

    @Test
    void anExternalOrderCancelledInPartIsRecordedWithItsChainAndBrokerCancel() {
        ReconciliationOutcome outcome = day()
                .row(row(N1).filled(2, "142000").remaining(0))
                .row(row(N2).orig(N1).qty(8).price("70500").remaining(0))
                .row(row(N3).orig(N2).qty(8).cancel())
                .brokerPosition(SYMBOL, 2, "71000").reconcile();
        assertThat(outcome.newBreaks()).isEmpty();
        ExternalOrder e = outcome.externalOrders().get(0);
        assertThat(e.originalOrderNo()).isEqualTo(N1);
        assertThat(e.revisionOrderNos()).containsExactly(N2);
        assertThat(e.cancelOrderNos()).containsExactly(N3);
        assertThat(e.kisOrderNo()).isEqualTo(N2);
        assertThat(e.price()).isEqualByComparingTo("70500");
        assertThat(e.brokerState()).isEqualTo(OrderState.CANCELED);
        assertThat(outcome.settlements()).singleElement().satisfies(s -> {
            assertThat(s.orderId()).isEqualTo(e.orderId());
            assertThat(s.event()).isEqualTo(OrderEventType.BROKER_CANCEL);
            assertThat(s.stage()).isEqualTo(SettlementStage.AFTER_FILLS);
        });
    }

    @Test
    void parkedStreamFillsOfAnExternalOrderAreNotInferredAgain() {
        Fixtures.Day day = day().fill(fill("F9", null, N1, Side.BUY, 3, "71000"))
                .row(row(N1).filled(3, "213000")).localPosition(SYMBOL, 3, "71000").brokerPosition(SYMBOL, 3, "71000");
        ReconciliationOutcome outcome = day.reconcile();
        assertThat(outcome.missingFills()).isEmpty();
        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.externalOrders()).hasSize(1);
        var book = OutcomeReplay.apply(day.local(), outcome).get(outcome.externalOrders().get(0).orderId());
        assertThat(book.state()).isEqualTo(OrderState.PARTIAL_FILLED);
    }

    @Test
    void fillsUnderANumberKisDoesNotListAreABreak() {
        ReconciliationOutcome outcome = day().fill(fill("F9", null, N1, Side.BUY, 3, "71000"))
                .localPosition(SYMBOL, 3, "71000").brokerPosition(SYMBOL, 3, "71000").reconcile();
        assertThat(outcome.newBreaks()).extracting(Break::kind, Break::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BreakKind.FILLS_AHEAD, "odno:" + N1));
    }

    @Test
    void aRevisionOfAnOrderKisDoesNotListIsABreakNotAnExternalOrder() {
        ReconciliationOutcome outcome = day().row(row(N2).orig(N1)).reconcile();
        assertThat(outcome.externalOrders()).isEmpty();
        assertThat(outcome.newBreaks()).extracting(Break::kind).containsExactly(BreakKind.ORDER_CHAIN);
    }
}
