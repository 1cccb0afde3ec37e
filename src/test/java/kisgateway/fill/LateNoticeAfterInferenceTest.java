package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * A notice that reaches the gateway after a backfill or the reconciliation inferred its shares: the shares count
 * once in the order, the position and the day's sums, and the notice's message names the inferred fill it stood
 * in for, with what that fill still stands for. Real PostgreSQL.
 */
class LateNoticeAfterInferenceTest {

    private static final String ODNO = "0000054321";
    private static final Instant T = Instant.parse("2026-12-07T01:00:00Z");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore orders = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final FillBook fills = new FillBook(dataSource, orders, Clock.systemUTC());
    private final String account = "late-" + UUID.randomUUID().toString().substring(0, 8);

    private OrderRecord order(long quantity) {
        UUID id = UUID.randomUUID();
        orders.recordExternal(id, "cli-" + id, account, "005930", Side.BUY, "00", quantity, new BigDecimal("105"), ODNO,
                "06010", Instant.now(), OrderState.ACKED, List.of(), Map.of());
        return orders.byId(id).orElseThrow();
    }

    private FillBook.StreamFill notice(long quantity, String price, int second) {
        return new FillBook.StreamFill(account, ODNO, "005930", Side.BUY, quantity, new BigDecimal(price), T.plusSeconds(second));
    }

    private FillOutcome.Recorded recorded(FillOutcome outcome) {
        assertThat(outcome).isInstanceOf(FillOutcome.Recorded.class);
        return (FillOutcome.Recorded) outcome;
    }

    private FillOutcome infer(long quantity, String price, long cumulativeAfter) {
        return fills.recordInferred(account, ODNO, "005930", Side.BUY, quantity, new BigDecimal(price), T.plusSeconds(30),
                cumulativeAfter, FillSource.BACKFILL);
    }

    private long[] position() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select quantity, avg_price from positions where account = ? and symbol = '005930'")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new long[] {rs.getLong(1), rs.getBigDecimal(2).movePointRight(4).longValueExact()};
            }
        }
    }

    @Test
    void noticesHeldPastABackfillReplaceTheInferredFillInsteadOfCountingAgain() throws Exception {
        OrderRecord order = order(30);
        recorded(fills.recordStream(List.of(notice(5, "100", 0))).get(0));
        // the stream holds 7 @ 102 and 8 @ 104; KIS reports 20 filled for 2,032: the backfill infers 15 @ 102.07 (103)
        FillOutcome.Recorded inferred = recorded(infer(15, "103", 20));
        assertThat(orders.byId(order.orderId()).orElseThrow().filledQuantity()).isEqualTo(20);

        List<FillOutcome> late = fills.recordStream(List.of(notice(7, "102", 10), notice(8, "104", 20)));

        FillOutcome.Recorded first = recorded(late.get(0));
        FillOutcome.Recorded second = recorded(late.get(1));
        assertThat(first.message().json()).contains("\"corrects\":[{\"execution_id\":\"" + inferred.fillId()
                + "\",\"quantity\":\"7\",\"remaining_quantity\":\"8\"}]", "\"quantity\":\"7\"", "\"price\":\"102\"");
        assertThat(second.message().json()).contains("\"corrects\":[{\"execution_id\":\"" + inferred.fillId()
                + "\",\"quantity\":\"8\",\"remaining_quantity\":\"0\"}]");
        OrderRecord after = orders.byId(order.orderId()).orElseThrow();
        assertThat(after.filledQuantity()).as("counted once").isEqualTo(20);
        assertThat(after.state()).isEqualTo(OrderState.PARTIAL_FILLED);
        assertThat(first.cumulativeQuantity()).isEqualTo(20);
        FillBook.Filled filled = fills.filled(account, ODNO);
        assertThat(filled.quantity()).isEqualTo(20);
        assertThat(filled.value()).as("the real executions' notional").isEqualByComparingTo("2046");
        long[] position = position();
        assertThat(position[0]).isEqualTo(20);
        assertThat(position[1]).as("average of 5@100, 7@102, 8@104 = 102.3").isEqualTo(1_023_000);

        // the sweep rebuilds the same messages from the rows
        Map<String, String> rows = fills.unpublished(100_000, 0, 0).stream().filter(f -> f.account().equals(account))
                .collect(Collectors.toMap(FillMessage::fillId, FillMessage::json));
        assertThat(rows.get(first.fillId())).isEqualTo(first.message().json());
        assertThat(rows.get(second.fillId())).isEqualTo(second.message().json());

        // and the next real fill is new again
        FillOutcome.Recorded next = recorded(fills.recordStream(List.of(notice(4, "105", 40))).get(0));
        assertThat(next.message().json()).doesNotContain("corrects");
        assertThat(orders.byId(order.orderId()).orElseThrow().filledQuantity()).isEqualTo(24);
    }

    @Test
    void aFullyFilledOrdersLateNoticesAreCorrectionsNotOverfills() {
        OrderRecord order = order(10);
        FillOutcome.Recorded inferred = recorded(infer(10, "101", 10));
        assertThat(orders.byId(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.FILLED);

        List<FillOutcome> late = fills.recordStream(List.of(notice(4, "100", 1), notice(6, "102", 2)));

        assertThat(late).allSatisfy(o -> assertThat(o).isInstanceOf(FillOutcome.Recorded.class));
        assertThat(recorded(late.get(1)).message().json()).contains(inferred.fillId(), "\"remaining_quantity\":\"0\"");
        assertThat(orders.byId(order.orderId()).orElseThrow().filledQuantity()).isEqualTo(10);
        assertThat(fills.filled(account, ODNO).value()).isEqualByComparingTo("1012");
        // a notice beyond what was inferred is an overfill as before
        assertThat(fills.recordStream(List.of(notice(1, "103", 3))).get(0)).isInstanceOf(FillOutcome.Suspect.class);
    }

    @Test
    void aNoticeLargerThanWhatWasInferredTakesItAllAndAddsOnlyTheRest() {
        OrderRecord order = order(20);
        recorded(fills.recordStream(List.of(notice(5, "100", 0))).get(0));
        FillOutcome.Recorded inferred = recorded(infer(5, "101", 10));

        FillOutcome.Recorded straddling = recorded(fills.recordStream(List.of(notice(8, "101", 5))).get(0));

        assertThat(straddling.message().json()).contains("\"quantity\":\"8\"", "{\"execution_id\":\"" + inferred.fillId()
                + "\",\"quantity\":\"5\",\"remaining_quantity\":\"0\"}");
        assertThat(orders.byId(order.orderId()).orElseThrow().filledQuantity()).isEqualTo(13);
        assertThat(straddling.cumulativeQuantity()).isEqualTo(13);
    }

    @Test
    void aRepeatedLateNoticeTakesNothingTheSecondTime() {
        order(20);
        FillOutcome.Recorded inferred = recorded(infer(10, "100", 10));
        FillBook.StreamFill late = notice(4, "100", 1);
        recorded(fills.recordStream(List.of(late)).get(0));

        List<FillOutcome> again = fills.recordStream(List.of(late, late, notice(6, "100", 2)));

        assertThat(again.get(0)).isInstanceOf(FillOutcome.Suspect.class);
        assertThat(again.get(1)).isInstanceOf(FillOutcome.Suspect.class);
        assertThat(recorded(again.get(2)).message().json()).as("the next notice still finds the 6 left")
                .contains(inferred.fillId(), "\"quantity\":\"6\",\"remaining_quantity\":\"0\"");
        assertThat(fills.filled(account, ODNO).quantity()).isEqualTo(10);
    }

    @Test
    void anInferenceAfterTheNoticeItMissedInfersOnlyWhatIsStillMissing() {
        OrderRecord order = order(20);
        // the backfill compared when 5 were held; the stream delivered 3 more before it recorded its 7
        recorded(fills.recordStream(List.of(notice(5, "100", 0))).get(0));
        recorded(fills.recordStream(List.of(notice(3, "100", 1))).get(0));

        FillOutcome.Recorded inferred = recorded(infer(7, "100", 12));

        assertThat(inferred.message().json()).contains("\"quantity\":\"4\"");
        assertThat(orders.byId(order.orderId()).orElseThrow().filledQuantity()).isEqualTo(12);
        assertThat(infer(4, "100", 12)).as("the same gap again").isInstanceOf(FillOutcome.AlreadyKnown.class);
        assertThat(infer(1, "100", 8)).as("nothing missing").isInstanceOf(FillOutcome.AlreadyKnown.class);
    }

    @Test
    void lateNoticesOfAnOrderNotYetKnownCountOnceWhenItsNumberArrives() {
        FillOutcome.Recorded inferred = recorded(infer(9, "100", 9));
        assertThat(inferred.parked()).isTrue();
        FillOutcome.Recorded late = recorded(fills.recordStream(List.of(notice(9, "99", 1))).get(0));
        assertThat(late.parked()).isTrue();
        assertThat(late.message().json()).contains(inferred.fillId(), "\"external\":true");

        OrderRecord order = order(9);
        fills.attachTo(order);

        OrderRecord after = orders.byId(order.orderId()).orElseThrow();
        assertThat(after.filledQuantity()).isEqualTo(9);
        assertThat(after.state()).isEqualTo(OrderState.FILLED);
    }
}
