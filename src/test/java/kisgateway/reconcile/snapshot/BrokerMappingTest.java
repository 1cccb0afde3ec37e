package kisgateway.reconcile.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import kisgateway.kis.OrderSide;
import kisgateway.kis.rest.CashSummary;
import kisgateway.kis.rest.DailyExecution;
import kisgateway.kis.rest.Position;
import kisgateway.kis.rest.RevisableOrder;
import kisgateway.order.Side;
import org.junit.jupiter.api.Test;

/** From the adapter's records to the snapshot's, and the paper-mode open orders. */
class BrokerMappingTest {

    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 20, 9, 1, 2, 0, ZoneId.of("Asia/Seoul"));

    private static DailyExecution execution(String odno, String orig, long qty, long filled, long remaining,
                                            boolean cancelled) {
        return new DailyExecution(LocalDate.of(2026, 11, 20), "06010", odno, orig, OrderSide.SELL, "005930",
                "삼성전자", "00", qty, new BigDecimal("71000"), AT, filled, new BigDecimal("71050"),
                new BigDecimal("142100"), remaining, 0, cancelled, "KRX");
    }

    @Test
    void aDailyExecutionRowKeepsEveryFigureReconciliationUses() {
        BrokerOrderRow r = BrokerOrderRow.of(execution("0000000101", "", 10, 2, 8, false));
        assertThat(r.orderNo()).isEqualTo("0000000101");
        assertThat(r.isNewOrder()).isTrue();
        assertThat(r.side()).isEqualTo(Side.SELL);
        assertThat(r.orderTime()).isEqualTo(AT.toInstant());
        assertThat(r.filledValue()).isEqualByComparingTo("142100");
        assertThat(r.toBrokerOrder().origOrderNo()).isNull();
        assertThat(BrokerOrderRow.of(execution("0000000102", "0000000101", 8, 0, 0, true)).isNewOrder()).isFalse();
    }

    @Test
    void withoutTheAmountTheAverageTimesQuantityStandsIn() {
        BrokerOrderRow r = new BrokerOrderRow("1", "", "06010", "005930", Side.BUY, "00", 10, BigDecimal.TEN,
                AT.toInstant(), 3, new BigDecimal("71000"), null, 7, 0, false);
        assertThat(r.filledValue()).isEqualByComparingTo("213000");
    }

    @Test
    void paperOpenOrdersAreTheRowsWithARemainderThatAreNotCancelRecords() {
        List<BrokerOrderRow> rows = List.of(
                BrokerOrderRow.of(execution("0000000103", "", 10, 2, 8, false)),
                BrokerOrderRow.of(execution("0000000101", "", 10, 10, 0, false)),
                BrokerOrderRow.of(execution("0000000104", "0000000103", 8, 0, 0, true)),
                BrokerOrderRow.of(execution("0000000102", "", 5, 0, 5, false)));
        assertThat(BrokerOpenOrder.derivedFrom(rows)).extracting(BrokerOpenOrder::orderNo, BrokerOpenOrder::revisableQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0000000102", 5L),
                        org.assertj.core.groups.Tuple.tuple("0000000103", 8L));
    }

    @Test
    void liveOpenOrdersPositionsAndCashMapFromTheAdapter() {
        BrokerOpenOrder o = BrokerOpenOrder.of(new RevisableOrder("06010", "0000000105", "", OrderSide.BUY, "005930",
                "삼성전자", "00", 10, new BigDecimal("71000"), LocalTime.of(9, 1), 4, new BigDecimal("284000"), 6, "KRX"));
        assertThat(o.revisableQuantity()).isEqualTo(6);
        assertThat(o.side()).isEqualTo(Side.BUY);
        BrokerPosition p = BrokerPosition.of(new Position("005930", "삼성전자", 15, 15, new BigDecimal("70333.3333"),
                null, null, null, null));
        assertThat(p.quantity()).isEqualTo(15);
        BrokerCash c = BrokerCash.of(new CashSummary(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3"),
                null, null), new BigDecimal("4"));
        assertThat(c.deposit()).isEqualByComparingTo("1");
        assertThat(c.settlementCash()).isEqualByComparingTo("3");
        assertThat(c.orderable()).isEqualByComparingTo("4");
    }

    @Test
    void orderNumbersCompareZeroPadded() {
        assertThat(OrderNumberKey.of("2696")).isEqualTo("0000002696");
        assertThat(OrderNumberKey.of(" 0000002696 ")).isEqualTo("0000002696");
        assertThat(OrderNumberKey.of("")).isNull();
        assertThat(OrderNumberKey.of(null)).isNull();
    }
}
