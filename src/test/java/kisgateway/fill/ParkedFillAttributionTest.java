package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.order.Exchange;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Who a fill is published as belonging to: a fill that beat its order's number waits while an order of ours that
 * may own it is unsettled, one published as external and then found to be ours is restated with its order, and
 * an order placed outside the gateway reads as external whichever path recorded it first. Real PostgreSQL.
 */
class ParkedFillAttributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ODNO = "0000077001";

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final JdbcOrderStore orders = new JdbcOrderStore(dataSource, Clock.systemUTC());
    private final FillBook fills = new FillBook(dataSource, orders, Clock.systemUTC());
    private final String account = "attr-" + UUID.randomUUID().toString().substring(0, 8);

    private OrderRecord sentWithoutItsNumber() {
        OrderRecord order = orders.create(new OrderIntent("c-" + UUID.randomUUID(), account, "s1", "005930", Side.BUY, 10,
                OrderType.MARKET, null, Exchange.KRX, Duration.ofSeconds(2), Instant.now())).order();
        orders.transition(order.orderId(), OrderEventType.SUBMIT, OrderChange.because("sending"));
        return orders.byId(order.orderId()).orElseThrow();
    }

    private FillOutcome.Recorded streamFill(long quantity) {
        FillOutcome outcome = fills.recordStream(List.of(new FillBook.StreamFill(account, ODNO, "005930", Side.BUY, quantity,
                new BigDecimal("71900"), Instant.now()))).get(0);
        assertThat(outcome).isInstanceOf(FillOutcome.Recorded.class);
        return (FillOutcome.Recorded) outcome;
    }

    private Optional<FillMessage> unpublished(String fillId, long graceMs, long maxWaitMs) {
        return fills.unpublished(100_000, graceMs, maxWaitMs).stream().filter(f -> f.fillId().equals(fillId)).findFirst();
    }

    @Test
    void aParkedFillWaitsPastItsGraceWhileAnOrderOfOursThatMayOwnItIsUnsettled() throws Exception {
        OrderRecord order = sentWithoutItsNumber();
        FillOutcome.Recorded fill = streamFill(10);

        assertThat(unpublished(fill.fillId(), 0, 600_000)).as("held: the send may be its order").isEmpty();
        assertThat(unpublished(fill.fillId(), 0, 0)).as("not beyond the longest wait").isPresent();

        // the reconciliation settles the send: KIS booked it under this number
        orders.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("settled by reconciliation")
                .brokerOrder(ODNO, "06010", Instant.now()));
        fills.attachTo(orders.byId(order.orderId()).orElseThrow());

        FillMessage published = unpublished(fill.fillId(), 0, 600_000).orElseThrow();
        JsonNode m = JSON.readTree(published.json());
        assertThat(m.path("gateway_order_id").asText()).isEqualTo(order.orderId().toString());
        assertThat(m.path("client_order_id").asText()).isEqualTo(order.clientOrderId());
        assertThat(m.has("external")).isFalse();
        assertThat(m.has("restatement")).isFalse();
        assertThat(orders.byId(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.FILLED);
    }

    @Test
    void aFillPublishedAsExternalAndThenFoundToBeOursIsRestatedWithItsOrder() throws Exception {
        OrderRecord order = sentWithoutItsNumber();
        FillOutcome.Recorded fill = streamFill(4);
        FillMessage first = unpublished(fill.fillId(), 0, 0).orElseThrow();
        assertThat(JSON.readTree(first.json()).path("external").asBoolean()).isTrue();
        fills.markPublished(List.of(fill.fillId()));

        orders.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("settled by reconciliation")
                .brokerOrder(ODNO, "06010", Instant.now()));
        fills.attachTo(orders.byId(order.orderId()).orElseThrow());

        FillMessage restated = unpublished(fill.fillId(), 0, 0).orElseThrow();
        ContractSchemas.assertValid("fill-event.schema.json", restated.json());
        JsonNode m = JSON.readTree(restated.json());
        assertThat(m.path("restatement").asInt()).isEqualTo(1);
        assertThat(m.path("gateway_order_id").asText()).isEqualTo(order.orderId().toString());
        assertThat(m.path("cumulative_quantity").asText()).isEqualTo("4");
        assertThat(m.has("external")).isFalse();
        assertThat(m.at("/report/execution_id").asText()).isEqualTo(fill.fillId());
        assertThat(restated.duplicateId()).as("past the broker's duplicate detection of the first")
                .isNotEqualTo(first.duplicateId());
        fills.markPublished(List.of(fill.fillId()));
        fills.attachTo(orders.byId(order.orderId()).orElseThrow());
        assertThat(unpublished(fill.fillId(), 0, 0)).as("restated once").isEmpty();
    }

    @Test
    void aFillOfAnOrderPlacedOutsideTheGatewayIsExternalEvenWhenTheOrderWasRecordedFirst() throws Exception {
        UUID external = UUID.randomUUID();
        orders.recordExternal(external, "EXT-" + account + "-" + ODNO, account, "005930", Side.BUY, "00", 10,
                new BigDecimal("71900"), ODNO, "06010", Instant.now(), OrderState.ACKED, List.of(), Map.of());

        FillOutcome.Recorded fill = streamFill(3);

        for (String json : List.of(fill.message().json(), unpublished(fill.fillId(), 0, 0).orElseThrow().json())) {
            JsonNode m = JSON.readTree(json);
            assertThat(m.path("external").asBoolean()).as(json).isTrue();
            assertThat(m.has("gateway_order_id")).isFalse();
            assertThat(m.has("client_order_id")).isFalse();
        }
        assertThat(fill.message().orderId()).as("no order id in the message's properties either").isNull();
    }
}
