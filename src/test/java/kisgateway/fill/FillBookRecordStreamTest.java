package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.Side;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** A run of stream fills stored in one statement: the rows as given, a repeat within the run or of a stored fill held back. */
class FillBookRecordStreamTest {

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final FillBook fills = new FillBook(dataSource, new JdbcOrderStore(dataSource, Clock.systemUTC()), Clock.systemUTC());
    private final String account = "run-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRepeatWithinTheRunOrOfAStoredFillIsHeldBackAndTheRowsAreStoredAsGiven() throws Exception {
        Instant t = Instant.parse("2026-12-03T05:59:59.123456Z");
        FillBook.StreamFill fill = new FillBook.StreamFill(account, "0000077777", "005930", Side.SELL, 3,
                new BigDecimal("72000.5"), t);
        FillBook.StreamFill other = new FillBook.StreamFill(account, "0000077777", "005930", Side.SELL, 2,
                new BigDecimal("72100"), t.plusSeconds(1));

        List<FillOutcome> first = fills.recordStream(List.of(fill, other, fill));
        assertThat(first.get(0)).isInstanceOf(FillOutcome.Recorded.class);
        assertThat(first.get(1)).isInstanceOf(FillOutcome.Recorded.class);
        assertThat(first.get(2)).as("the same notice twice in one run").isInstanceOf(FillOutcome.Suspect.class);
        assertThat(fills.recordStream(List.of(other)).get(0)).as("stored before").isInstanceOf(FillOutcome.Suspect.class);

        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select quantity, price, occurred_at, side, "
                + "source, order_id, tuple_key is not null from fills where account = ? order by occurred_at")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("72000.5");
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(t);
                assertThat(rs.getString(4)).isEqualTo("SELL");
                assertThat(rs.getString(5)).isEqualTo("STREAM");
                assertThat(rs.getObject(6)).as("no order of ours: parked").isNull();
                assertThat(rs.getBoolean(7)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("72100");
                assertThat(rs.next()).as("two rows, not three").isFalse();
            }
        }
    }
}
