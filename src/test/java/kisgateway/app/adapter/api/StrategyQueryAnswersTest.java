package kisgateway.app.adapter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.app.db.DatabaseTimeouts;
import kisgateway.order.Exchange;
import kisgateway.order.IntentSenderBinding;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.order.StrategyPermissions;
import kisgateway.query.JdbcAccountHoldings;
import kisgateway.query.JdbcOpenOrders;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Who sees what among the strategies' queries, on the real database: a strategy only its permitted accounts (403
 * otherwise, over REST and JMS alike, with nothing of the account in the answer), only its own open orders unless it
 * is configured to see every strategy's on its accounts, the operator everything; and the answers' fields.
 */
class StrategyQueryAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final String account = "qa-" + UUID.randomUUID().toString().substring(0, 8);
    private final String foreign = "qf-" + UUID.randomUUID().toString().substring(0, 8);
    private final StrategyPermissions permissions = new StrategyPermissions(Map.of(
            "s1", new StrategyPermissions.Strategy("s1", Set.of(account), null),
            "s2", new StrategyPermissions.Strategy("s2", Set.of(account), null),
            "desk", new StrategyPermissions.Strategy("desk", Set.of(account), null),
            "all", new StrategyPermissions.Strategy("all", Set.of(StrategyPermissions.ALL_ACCOUNTS), null)));
    private final OrderApiResponses failures = new OrderApiResponses(store, new DatabaseStall(new DatabaseTimeouts(
            Duration.ofSeconds(7), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMillis(500)), 5));
    private final StrategyQueryAnswers answers = new StrategyQueryAnswers(permissions,
            new IntentSenderBinding(Map.of("user-s1", "s1"), false), Set.of("desk"), Set.of(account, foreign),
            new JdbcOpenOrders(dataSource, Clock.systemUTC()), new JdbcAccountHoldings(dataSource, Clock.systemUTC()),
            symbol -> symbol.equals("005930") ? Optional.of(new StrategyQueryAnswers.PriceSeen(new BigDecimal("71000"),
                    Duration.ofMillis(250))) : Optional.empty(), failures, Clock.systemUTC(), 100, 500);

    @Test
    void aStrategySeesItsOwnOpenOrdersOnlyAndMayNotAskForAnothersByFilter() throws Exception {
        OrderRecord mine = order(account, "s1");
        OrderRecord theirs = order(account, "s2");
        JsonNode own = json(answers.openOrders(OrderReader.strategy("s1"), account, null, null, null, null, null));
        assertThat(own.path("orders")).extracting(n -> n.path("orderId").asText()).containsExactly(mine.orderId().toString());
        assertThat(own.path("orders").get(0).path("freshness").path("reconciled").asBoolean()).isFalse();
        assertThat(own.path("orders").get(0).path("freshness").has("ageMs")).isTrue();
        assertThat(own.path("reconciliation").has("lastRunAt")).isTrue();
        OpenApiComponents.assertConforms("StrategyOpenOrders", own);
        assertThatThrownBy(() -> answers.openOrders(OrderReader.strategy("s1"), account, "s2", null, null, null, null))
                .isInstanceOf(StrategyPermissions.NotPermitted.class).hasMessageContaining("sees only its own");

        JsonNode desk = json(answers.openOrders(OrderReader.strategy("desk"), account, null, null, null, null, null));
        assertThat(desk.path("orders")).extracting(n -> n.path("orderId").asText())
                .containsExactly(mine.orderId().toString(), theirs.orderId().toString());
        JsonNode deskFiltered = json(answers.openOrders(OrderReader.strategy("desk"), account, "s2", null, null, null, null));
        assertThat(deskFiltered.path("orders")).extracting(n -> n.path("strategyId").asText()).containsExactly("s2");
        JsonNode operator = json(answers.openOrders(OrderReader.operator("op"), account, null, null, null, null, null));
        assertThat(operator.path("orders")).hasSize(2);
    }

    @Test
    void anAccountTheStrategyMayNotTradeIsRefusedOverRestAndJmsWithoutItsData() throws Exception {
        order(foreign, "all");
        assertThatThrownBy(() -> answers.positions(OrderReader.strategy("s1"), foreign))
                .isInstanceOf(StrategyPermissions.NotPermitted.class).hasMessageContaining("may not trade account");
        assertThatThrownBy(() -> answers.cash(OrderReader.strategy("s1"), foreign))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);
        assertThatThrownBy(() -> answers.openOrders(OrderReader.strategy("s1"), foreign, null, null, null, null, null))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);

        OrderApiResponses.ApiResponse overJms = answers.overJms("user-s1", null, "OPEN_ORDERS", foreign, null, null, null,
                null, null);
        assertThat(overJms.status()).isEqualTo(403);
        assertThat(json(overJms).path("error").asText()).contains("may not trade account");
        assertThat(json(overJms).has("orders")).isFalse();
        OpenApiComponents.assertConforms("StrategyQueryError", json(overJms));
        assertThat(answers.overJms("user-s1", "s2", "CASH", account, null, null, null, null, null).status())
                .as("a sender claiming another strategy").isEqualTo(403);
        assertThat(answers.overJms("nobody", null, "CASH", account, null, null, null, null, null).status()).isEqualTo(403);
        assertThat(answers.overJms("user-s1", null, "EVERYTHING", account, null, null, null, null, null).status())
                .isEqualTo(400);
        assertThat(answers.overJms("user-s1", null, "OPEN_ORDERS", account, null, null, null, "0", null).status())
                .isEqualTo(400);
        assertThat(answers.overJms("user-s1", null, "POSITIONS", account, null, null, null, null, null).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> answers.positions(OrderReader.strategy("all"), "no-such-account"))
                .isInstanceOf(OrderApiResponses.NotFound.class);
    }

    @Test
    void positionsCarryTheLastPriceItsAgeAndTheUnrealisedPnlOrNullsWhenNoPriceIsKnown() throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("insert into positions (account, symbol, "
                + "quantity, avg_price) values (?, '005930', 10, 70000), (?, '000660', 2, 150000)")) {
            ps.setString(1, account);
            ps.setString(2, account);
            ps.executeUpdate();
        }
        JsonNode p = json(answers.positions(OrderReader.strategy("s2"), account));
        JsonNode priced = p.path("positions").get(1);
        assertThat(priced.path("symbol").asText()).isEqualTo("005930");
        assertThat(priced.path("unrealisedPnl").asText()).isEqualTo("10000");
        assertThat(priced.path("lastPrice").asText()).isEqualTo("71000");
        assertThat(priced.path("lastPriceAgeMs").asLong()).isEqualTo(250);
        JsonNode unpriced = p.path("positions").get(0);
        assertThat(unpriced.path("unrealisedPnl").isNull()).isTrue();
        assertThat(unpriced.path("lastPrice").isNull()).isTrue();

        OpenApiComponents.assertConforms("StrategyPositions", p);
        JsonNode cash = json(answers.cash(OrderReader.strategy("s1"), account));
        OpenApiComponents.assertConforms("StrategyCash", cash);
        assertThat(cash.path("orderableCash").isNull()).isTrue();
        assertThat(cash.path("unknownBecause").asText()).contains("no reconciliation");
    }

    private OrderRecord order(String onAccount, String strategy) {
        OrderRecord o = store.create(new OrderIntent("c-" + UUID.randomUUID(), onAccount, strategy, "005930", Side.BUY, 1,
                OrderType.LIMIT, new BigDecimal("70000"), Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
        return o;
    }

    private static JsonNode json(OrderApiResponses.ApiResponse r) throws Exception {
        return JSON.readTree(r.json());
    }
}
