package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** The order store on the real PostgreSQL the gateway runs with. */
class JdbcOrderStoreTest {

    private final JdbcOrderStore store = new JdbcOrderStore(SharedInfrastructure.get().dataSource().dataSource(),
            Clock.systemUTC());

    private static OrderIntent intent(String clientOrderId, long qty) {
        return new OrderIntent(clientOrderId, "main", "s1", "005930", Side.BUY, qty, OrderType.LIMIT,
                new BigDecimal("71000"), Exchange.KRX, Duration.ofSeconds(2), Instant.now());
    }

    private static String id() {
        return "t-" + UUID.randomUUID();
    }

    @Test
    void anOrderWalksItsLifeAndEveryStepIsAnEvent() {
        OrderRecord order = store.create(intent(id(), 10)).order();
        assertThat(order.state()).isEqualTo(OrderState.INTENT_CREATED);
        store.transition(order.orderId(), OrderEventType.SUBMIT, OrderChange.because("sending"));
        store.transition(order.orderId(), OrderEventType.ACK,
                OrderChange.because("order-cash ok").brokerOrder("0000012345", "06010", Instant.now()));
        Transition partial = store.transition(order.orderId(), OrderEventType.PARTIAL_FILL,
                OrderChange.because("fill").fill(4, new BigDecimal("71000")));
        assertThat(partial.to()).isEqualTo(OrderState.PARTIAL_FILLED);
        // the store classifies fills by the cumulative quantity, whatever the caller called them
        Transition full = store.transition(order.orderId(), OrderEventType.PARTIAL_FILL,
                OrderChange.because("fill").fill(6, new BigDecimal("70900")));
        assertThat(full.to()).isEqualTo(OrderState.FILLED);
        assertThat(full.event()).isEqualTo(OrderEventType.COMPLETE_FILL);
        assertThat(full.order().filledQuantity()).isEqualTo(10);
        assertThat(full.order().avgFillPrice()).isEqualByComparingTo("70940");
        assertThat(full.order().kisOrderNo()).isEqualTo("0000012345");
        assertThat(store.byKisOrderNo("main", "0000012345")).hasValueSatisfying(o -> assertThat(o.orderId()).isEqualTo(order.orderId()));

        List<OrderEventRecord> events = store.unpublishedEvents(10_000).stream()
                .filter(e -> e.orderId().equals(order.orderId())).toList();
        assertThat(events).extracting(OrderEventRecord::toState)
                .containsExactly("INTENT_CREATED", "SUBMITTED", "ACKED", "PARTIAL_FILLED", "FILLED");
        assertThat(events).extracting(OrderEventRecord::seq).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anIllegalEventIsRecordedAndChangesNothing() {
        OrderRecord order = store.create(intent(id(), 10)).order();
        Transition t = store.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("stray ack"));
        assertThat(t.legal()).isFalse();
        assertThat(store.byId(order.orderId()).orElseThrow().state()).isEqualTo(OrderState.INTENT_CREATED);
        OrderEventRecord recorded = store.unpublishedEvents(10_000).stream()
                .filter(e -> e.eventId() == t.eventId()).findFirst().orElseThrow();
        assertThat(recorded.cause()).contains("illegal transition INTENT_CREATED x ACK");
        assertThat(recorded.detailJson()).contains("\"illegal\": true");
    }

    @Test
    void anOverfillIsRecordedAsIllegal() {
        OrderRecord order = store.create(intent(id(), 5)).order();
        store.transition(order.orderId(), OrderEventType.SUBMIT, OrderChange.because("sending"));
        store.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("ok").brokerOrder("0000099999", "06010", null));
        Transition t = store.transition(order.orderId(), OrderEventType.PARTIAL_FILL,
                OrderChange.because("fill").fill(6, new BigDecimal("71000")));
        assertThat(t.legal()).isFalse();
        assertThat(t.order().filledQuantity()).isZero();
    }

    @Test
    void theSameClientOrderIdCreatesOneOrderEvenWhenRacing() throws Exception {
        String clientOrderId = id();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<JdbcOrderStore.CreateResult>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> store.create(intent(clientOrderId, 10)));
            }
            List<JdbcOrderStore.CreateResult> results = new ArrayList<>();
            for (Future<JdbcOrderStore.CreateResult> f : pool.invokeAll(racers)) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(JdbcOrderStore.CreateResult::created).hasSize(1);
            assertThat(results).extracting(r -> r.order().orderId()).containsOnly(results.get(0).order().orderId());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPlainChangeOfTheKnownVersionIsOneStatementAndAStaleOneTakesTheLockingWay() {
        OrderRecord created = store.create(intent(id(), 10)).order();
        Transition submitted = store.transitionFrom(created, OrderEventType.SUBMIT, OrderChange.because("sending"));
        assertThat(submitted.legal()).isTrue();
        assertThat(submitted.to()).isEqualTo(OrderState.SUBMITTED);
        assertThat(submitted.order().version()).isEqualTo(created.version() + 1);
        assertThat(store.byId(created.orderId())).hasValueSatisfying(o -> assertThat(o.state()).isEqualTo(OrderState.SUBMITTED));

        // the caller's copy is stale now: the change is decided on the row as it is, and SUBMIT no longer applies
        Transition again = store.transitionFrom(created, OrderEventType.SUBMIT, OrderChange.because("sending again"));
        assertThat(again.legal()).isFalse();
        assertThat(again.to()).isEqualTo(OrderState.SUBMITTED);

        // an illegal event moves the version, so a copy read before it is stale too and cannot reuse its number
        OrderRecord before = store.byId(created.orderId()).orElseThrow();
        store.transition(created.orderId(), OrderEventType.SUBMIT, OrderChange.because("illegal on purpose"));
        Transition denied = store.transitionFrom(before, OrderEventType.AMBIGUOUS, OrderChange.because("unknown"));
        assertThat(denied.to()).isEqualTo(OrderState.RECONCILE_REQUIRED);

        List<OrderEventRecord> events = store.unpublishedEvents(10_000).stream()
                .filter(e -> e.orderId().equals(created.orderId())).toList();
        assertThat(events).extracting(OrderEventRecord::seq).containsExactly(1, 2, 3, 4, 5);
        assertThat(events).extracting(OrderEventRecord::toState).containsExactly("INTENT_CREATED", "SUBMITTED",
                "SUBMITTED", "SUBMITTED", "RECONCILE_REQUIRED");
        assertThat(events.get(1).eventId()).isEqualTo(submitted.eventId());
    }

    @Test
    void aDuplicateCreateFindsTheOrderAndAddsNoEvent() {
        String client = id();
        JdbcOrderStore.CreateResult first = store.create(intent(client, 10));
        JdbcOrderStore.CreateResult second = store.create(intent(client, 10));
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.order()).isEqualTo(first.order());
        assertThat(store.unpublishedEvents(10_000)).filteredOn(e -> e.orderId().equals(first.order().orderId()))
                .extracting(OrderEventRecord::eventType).containsExactly("CREATE");
    }

    @Test
    void aClientOrderIdIsItsStrategysOwn() throws Exception {
        String client = id();
        OrderRecord mine = store.create(intent(client, 10)).order();
        OrderIntent theirs = new OrderIntent(client, "main", "s2", "005930", Side.SELL, 3, OrderType.LIMIT,
                new BigDecimal("72000"), Exchange.KRX, Duration.ofSeconds(2), Instant.now());
        JdbcOrderStore.CreateResult other = store.create(theirs);
        assertThat(other.created()).as("another strategy's id is not taken by this one's").isTrue();
        assertThat(other.order().orderId()).isNotEqualTo(mine.orderId());
        assertThat(store.create(theirs).order().orderId()).as("idempotent within its strategy")
                .isEqualTo(other.order().orderId());
        assertThat(store.byClientOrderId("s1", client)).hasValueSatisfying(o -> assertThat(o.quantity()).isEqualTo(10));
        assertThat(store.byClientOrderId("s2", client)).hasValueSatisfying(o -> assertThat(o.quantity()).isEqualTo(3));
        assertThat(store.byClientOrderId("s3", client)).isEmpty();
        assertThat(store.allByClientOrderId(client)).extracting(OrderRecord::strategyId).containsExactly("s1", "s2");

        // a cancel or replace request id too: each strategy's request is recorded, a strategy's repeat is not
        String request = id();
        boolean first = store.inTransaction(c -> store.recordRequest(c, request, mine,
                IntentKind.CANCEL, "s1", null, null));
        boolean another = store.inTransaction(c -> store.recordRequest(c, request, other.order(),
                IntentKind.CANCEL, "s2", null, null));
        boolean repeated = store.inTransaction(c -> store.recordRequest(c, request, mine,
                IntentKind.CANCEL, "s1", null, null));
        assertThat(first).isTrue();
        assertThat(another).as("another strategy's request under the same id").isTrue();
        assertThat(repeated).as("the strategy's own repeat").isFalse();
        store.settleRequest("s2", request, "REFUSED", null, "test");
        assertThat(store.request("s1", request)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("PENDING"));
        assertThat(store.request("s2", request)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo("REFUSED");
            assertThat(r.orderId()).isEqualTo(other.order().orderId());
        });
    }
}
