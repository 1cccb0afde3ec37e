package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import kisgateway.order.Exchange;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 21.12: once an order's send is recorded, a database that fails while the notices that beat the answer are
 * applied must not fail the intake (its sender would hear "not sent" of a sent order): the fill sweep does it.
 */
class CatchUpAfterSendTest {

    @Test
    void aDatabaseFailureAfterTheSendLeavesTheCatchUpToTheSweep() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:" + TestConfig.freePort() + "/postgres");
        unreachable.setUser("postgres");
        unreachable.setConnectTimeout(1);
        Clock clock = Clock.systemUTC();
        JdbcOrderStore orders = new JdbcOrderStore(unreachable, clock);
        ExecutionNoticeApplier applier = new ExecutionNoticeApplier(new FillBook(unreachable, orders, clock), orders,
                (cano, product) -> Optional.empty(), new BackfillQueue(Duration.ZERO, clock),
                new ParkedNotices(unreachable, clock), null);
        OrderRecord acked = new OrderRecord(UUID.randomUUID(), "cu-1", "sim", "demo", "005930", Side.BUY,
                OrderType.LIMIT, Exchange.KRX, 10, BigDecimal.valueOf(70_000), OrderState.ACKED, "gateway",
                "0000123", "06010", Instant.now(), 0, null, null, null, Duration.ofSeconds(2), Instant.now(),
                Instant.now(), 2);

        assertThatThrownBy(() -> applier.catchUp(acked)).as("the catch-up itself fails").isInstanceOf(RuntimeException.class);
        assertThat(applier.catchUpAfterSend(acked)).isSameAs(acked);
    }
}
