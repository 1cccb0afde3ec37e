package kisgateway.reconcile;

import static kisgateway.reconcile.Fixtures.SYMBOL;
import static kisgateway.reconcile.Fixtures.day;
import static kisgateway.reconcile.Fixtures.fill;
import static kisgateway.reconcile.Fixtures.id;
import static kisgateway.reconcile.Fixtures.kst;
import static kisgateway.reconcile.Fixtures.odno;
import static kisgateway.reconcile.Fixtures.order;
import static kisgateway.reconcile.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.snapshot.BrokerSnapshot;
import kisgateway.reconcile.snapshot.LocalSnapshot;
import org.junit.jupiter.api.Test;

/** Same inputs in any order, same outcome; and a busy day where every kind of drift happens at once. */
class DeterminismTest {

    static Fixtures.Day busyDay() {
        return day()
                // known, missing fill
                .order(order(1).numbers(odno(1)).state(OrderState.PARTIAL_FILLED).filled(2, "71000"))
                .fill(fill("F1", id(1), odno(1), Side.BUY, 2, "71000"))
                .row(row(odno(1)).at(kst(9, 0, 1)).filled(6, "426000"))
                // cancel pending, cancelled at KIS
                .order(order(2).numbers(odno(2)).state(OrderState.CANCEL_PENDING).sentAt(kst(9, 1, 0)))
                .row(row(odno(2)).at(kst(9, 1, 1)).remaining(0)).row(row(odno(3)).orig(odno(2)).cancel())
                // unknown outcome, found
                .order(order(4).state(OrderState.RECONCILE_REQUIRED).sentAt(kst(9, 2, 0)).side(Side.SELL))
                .row(row(odno(4)).side(Side.SELL).at(kst(9, 2, 2)).filled(10, "710000"))
                // unknown outcome, absent
                .order(order(5).state(OrderState.RECONCILE_REQUIRED).sentAt(kst(9, 3, 0)).qty(7))
                // external
                .row(row(odno(6)).symbol("000660").qty(3).price("180000").at(kst(9, 4, 0)).filled(3, "540000"))
                // contradiction
                .order(order(7).numbers(odno(7)).state(OrderState.CANCELED).sentAt(kst(9, 5, 0)))
                .row(row(odno(7)).at(kst(9, 5, 1)))
                .localPosition(SYMBOL, 100, "70000").brokerPosition(SYMBOL, 96, "70100")
                .brokerPosition("000660", 3, "180000")
                .cash("10000000", "9000000")
                .openBreak(1, BreakKind.CASH, "cash", kst(9, 0, 0))
                .openBreak(2, BreakKind.POSITION_AVG_PRICE, "000660", kst(9, 0, 0));
    }

    @Test
    void shuffledInputsGiveTheSameOutcome() {
        Fixtures.Day d = busyDay();
        ReconciliationOutcome expected = d.reconcile();
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            LocalSnapshot l = d.local();
            BrokerSnapshot b = d.broker();
            LocalSnapshot shuffledLocal = new LocalSnapshot(l.account(), l.asOf(), shuffled(l.orders(), random),
                    shuffled(l.fills(), random), shuffled(l.positions(), random), l.expectedCash(),
                    shuffled(l.openBreaks(), random));
            BrokerSnapshot shuffledBroker = new BrokerSnapshot(b.account(), b.asOf(), shuffled(b.orders(), random),
                    shuffled(b.openOrders(), random), shuffled(b.positions(), random), b.cash());
            assertThat(Reconciler.reconcile(shuffledLocal, shuffledBroker, ReconciliationSettings.defaults(),
                    d.asOf.plusSeconds(5))).isEqualTo(expected);
        }
    }

    @Test
    void aBusyDayFindsSettlesAndBreaksEachDrift() {
        Fixtures.Day d = busyDay();
        ReconciliationOutcome outcome = d.reconcile();
        assertThat(outcome.settlements()).extracting(s -> s.orderId().getLeastSignificantBits() + ":" + s.event())
                .containsExactly("4:RECONCILE_PARTIAL", "2:CANCEL_ACK", "5:RECONCILE_ABSENT");
        assertThat(outcome.missingFills()).extracting(MissingFill::kisOrderNo)
                .containsExactly(odno(1), odno(4), odno(6));
        assertThat(outcome.externalOrders()).extracting(ExternalOrder::originalOrderNo).containsExactly(odno(6));
        // 100 + 4 bought - 10 sold = 94 against 96; cash still 1,000,000 apart after the fills
        assertThat(outcome.newBreaks()).extracting(Break::kind, Break::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BreakKind.ORDER_STATUS, id(7).toString()),
                org.assertj.core.groups.Tuple.tuple(BreakKind.POSITION_QUANTITY, SYMBOL));
        assertThat(outcome.stillOpenBreaks()).extracting(s -> s.open().kind()).containsExactly(BreakKind.CASH);
        assertThat(outcome.resolvedBreaks()).extracting(r -> r.open().subject()).containsExactly("000660");
        ReconciliationCounts c = outcome.counts();
        assertThat(c.ordersCompared()).isEqualTo(5);
        assertThat(c.brokerOrders()).isEqualTo(5);
        assertThat(c.fillsCompared()).isEqualTo(5);
        assertThat(c.settlements()).isEqualTo(3);
        assertThat(c.missingFills()).isEqualTo(3);
        assertThat(c.externalOrders()).isEqualTo(1);
        assertThat(c.settled()).isEqualTo(5);
        assertThat(c.breaksOpened()).isEqualTo(2);
        assertThat(c.breaksStillOpen()).isEqualTo(1);
        assertThat(c.breaksResolved()).isEqualTo(1);
        var books = OutcomeReplay.apply(d.local(), outcome);
        assertThat(books.get(id(1)).state()).isEqualTo(OrderState.PARTIAL_FILLED);
        assertThat(books.get(id(2)).state()).isEqualTo(OrderState.CANCELED);
        assertThat(books.get(id(4)).state()).isEqualTo(OrderState.FILLED);
        assertThat(books.get(id(5)).state()).isEqualTo(OrderState.REJECTED);
        assertThat(books.get(id(7)).state()).as("a break changes nothing").isEqualTo(OrderState.CANCELED);
        books.values().forEach(b -> assertThat(b.illegal()).isEmpty());
    }

    private static <T> List<T> shuffled(List<T> in, Random random) {
        List<T> out = new ArrayList<>(in);
        Collections.shuffle(out, random);
        return out;
    }
}
