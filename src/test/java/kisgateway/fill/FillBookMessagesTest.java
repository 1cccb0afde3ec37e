package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The ingest publishes the messages its commit returned, the outbox sweep rebuilds them from the rows: a fill
 * must read the same on kis.fills whichever of the two sent it (a consumer may get it from one and, after a
 * crash, the same id from the other). Real PostgreSQL.
 */
class FillBookMessagesTest {

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore orders = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final FillBook fills = new FillBook(dataSource, orders, Clock.systemUTC());
    private final String account = "msg-" + UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> rowsOfThisTest() {
        return fills.unpublished(100_000, 0, 0).stream().filter(f -> f.account().equals(account))
                .collect(Collectors.toMap(FillMessage::fillId, FillMessage::json));
    }

    /** An order of a strategy, acknowledged by KIS under {@code kisOrderNo}; its client order id is "cli-" + its id. */
    private UUID ourOrder(String symbol, Side side, long quantity, String price, String kisOrderNo) {
        UUID id = orders.create(new kisgateway.order.OrderIntent("cli-" + UUID.randomUUID(), account, "s1", symbol, side,
                quantity, kisgateway.order.OrderType.LIMIT, new BigDecimal(price), kisgateway.order.Exchange.KRX,
                java.time.Duration.ofSeconds(2), Instant.now())).order().orderId();
        orders.transition(id, kisgateway.order.OrderEventType.SUBMIT, kisgateway.order.OrderChange.because("sending"));
        orders.transition(id, kisgateway.order.OrderEventType.ACK, kisgateway.order.OrderChange.because("ok")
                .brokerOrder(kisOrderNo, "06010", Instant.now()));
        return id;
    }

    private static FillMessage messageOf(FillOutcome outcome) {
        assertThat(outcome).isInstanceOf(FillOutcome.Recorded.class);
        return ((FillOutcome.Recorded) outcome).message();
    }

    @Test
    void aStreamFillReadsTheSameFromTheCommitAndFromItsRow() {
        UUID orderId = ourOrder("005930", Side.BUY, 10, "72000", "0000012345");
        Instant t = Instant.parse("2026-12-03T01:00:05Z");
        List<FillMessage> fromCommit = fills.recordStream(List.of(
                new FillBook.StreamFill(account, "0000012345", "005930", Side.BUY, 3, new BigDecimal("71900"), t),
                new FillBook.StreamFill(account, "0000012345", "005930", Side.BUY, 2, new BigDecimal("72000.50"), t.plusSeconds(1)),
                new FillBook.StreamFill(account, "0000099999", "000660", Side.SELL, 7, new BigDecimal("185000"), t)))
                .stream().map(FillBookMessagesTest::messageOf).toList();

        String client = orders.byId(orderId).orElseThrow().clientOrderId();
        assertThat(fromCommit.get(0).json()).contains("\"cumulative_quantity\":\"3\"", "\"client_order_id\":\"" + client,
                "\"order_quantity\":\"10\"", "\"source\":\"STREAM\"");
        assertThat(fromCommit.get(1).json()).contains("\"cumulative_quantity\":\"5\"", "\"price\":\"72000.5\"");
        assertThat(fromCommit.get(2).orderId()).isNull();
        assertThat(fromCommit.get(2).json()).contains("\"external\":true");
        Map<String, String> rows = rowsOfThisTest();
        assertThat(fromCommit).allSatisfy(m -> assertThat(m.json()).isEqualTo(rows.get(m.fillId())));
        assertThat(rows).hasSize(3);
    }

    @Test
    void anInferredFillReadsTheSameFromTheCommitAndFromItsRow() {
        ourOrder("035720", Side.SELL, 20, "41000", "0000054321");
        FillMessage known = messageOf(fills.recordInferred(account, "0000054321", "035720", Side.SELL, 4,
                new BigDecimal("41050"), Instant.parse("2026-12-03T02:10:00Z"), 4, FillSource.BACKFILL));
        FillMessage parked = messageOf(fills.recordInferred(account, "0000054399", "035720", Side.SELL, 1,
                new BigDecimal("41000"), Instant.parse("2026-12-03T02:11:00Z"), 1, FillSource.BACKFILL));

        assertThat(known.json()).contains("\"cumulative_quantity\":\"4\"", "\"source\":\"BACKFILL\"");
        Map<String, String> rows = rowsOfThisTest();
        assertThat(List.of(known, parked)).allSatisfy(m -> assertThat(m.json()).isEqualTo(rows.get(m.fillId())));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                List.of(known, parked).stream().map(FillMessage::fillId).collect(Collectors.toList()));
    }
}
