package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kisgateway.risk.WorkingOrder;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the risk gate reads from the real PostgreSQL: orders screened at the same time must see each other, or
 * two orders that each fit a limit alone would both pass it.
 */
class DatabaseRiskInputsTest {

    private final javax.sql.DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final MarketPrices prices = new MarketPrices((account, symbol, ttl) -> {
        throw new IllegalStateException("no look-ups in this test");
    }, Duration.ofSeconds(5), Duration.ofSeconds(3), Clock.systemUTC());
    private final DatabaseRiskInputs inputs = new DatabaseRiskInputs(dataSource, prices);
    private final String account = "risk-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        prices.close();
    }

    private OrderRecord buy(OrderType type, String price, long quantity) {
        return store.create(new OrderIntent("t-" + UUID.randomUUID(), account, "s1", "005930", Side.BUY, quantity, type,
                price == null ? null : new BigDecimal(price), Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
    }

    @Test
    void ordersAcceptedButNotYetSentCountForEachOtherButNotForThemselves() {
        OrderRecord a = buy(OrderType.LIMIT, "71000", 10);
        OrderRecord b = buy(OrderType.LIMIT, "70000", 5);

        assertThat(inputs.workingOrders(account, a.orderId().toString())).extracting(WorkingOrder::orderRef)
                .containsExactly(b.orderId().toString());
        assertThat(inputs.workingOrders(account, b.orderId().toString())).extracting(WorkingOrder::orderRef)
                .containsExactly(a.orderId().toString());
        assertThat(inputs.workingOrders(account)).hasSize(2);
        assertThat(inputs.grossExposure(account, a.orderId().toString())).hasValueSatisfying(v ->
                assertThat(v).isEqualByComparingTo("350000"));
        assertThat(inputs.grossExposure(account)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1060000"));
    }

    @Test
    void aDeniedOrderNoLongerCountsAndASentOneStillDoes() {
        OrderRecord denied = buy(OrderType.LIMIT, "71000", 10);
        OrderRecord sent = buy(OrderType.LIMIT, "71000", 3);
        store.transition(denied.orderId(), OrderEventType.DENY, OrderChange.because("test").rejection("RULE", "test"));
        store.transition(sent.orderId(), OrderEventType.SUBMIT, OrderChange.because("test"));

        assertThat(inputs.workingOrders(account, null)).extracting(WorkingOrder::orderRef)
                .containsExactly(sent.orderId().toString());
        assertThat(inputs.grossExposure(account, null)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("213000"));
    }

    @Test
    void aMarketBuyIsValuedAtTheLastPriceAndIsUnknownWithoutOne() {
        buy(OrderType.LIMIT, "71000", 1);
        buy(OrderType.MARKET, null, 2);
        assertThat(inputs.grossExposure(account, null)).as("no last price for the market buy").isEmpty();

        prices.observe("005930", new BigDecimal("72000"));
        assertThat(inputs.grossExposure(account, null)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("215000"));
    }
}
