package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.OrderApiResponses;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new order's create commits without waiting for the WAL flush, and nothing of the order leaves the gateway
 * before a commit that waited (real PostgreSQL, one connection whose session waits for its flushes, as the
 * durable default run's do): the relaxation ends with the create's transaction, the SUBMITTED transition waits
 * again, and the outbox read waits for a flush before it hands out an event of an order still INTENT_CREATED, as
 * do a duplicate create that finds such an order and the order API before it names one. The create's book read
 * runs on its generic plan, for that transaction only.
 */
class CreateCommitFlushTest {

    private final DataSource shared = SharedInfrastructure.get().dataSource().dataSource();
    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final List<String> settingAtCommit = new CopyOnWriteArrayList<>();
    private final List<String> planCacheModeAtCommit = new CopyOnWriteArrayList<>();
    private Connection connection;
    private JdbcOrderStore store;

    @BeforeEach
    void oneDurableSession() throws SQLException {
        connection = shared.getConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("set synchronous_commit = on");
        }
        store = new JdbcOrderStore(recordingDataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("reset synchronous_commit");
        }
        connection.close();
    }

    @Test
    void theCreateAloneCommitsWithoutWaitingAndTheSessionWaitsAgainAfterIt() throws Exception {
        JdbcOrderStore.CreateResult created = store.create(buy("cf-" + UUID.randomUUID()));

        assertThat(created.created()).isTrue();
        assertThat(settingAtCommit).as("synchronous_commit as the create's transaction commits").containsExactly("off");
        assertThat(setting()).as("local to the create's transaction").isEqualTo("on");
        assertThat(planCacheModeAtCommit).as("the book read on its generic plan").containsExactly("force_generic_plan");
        assertThat(setting("plan_cache_mode")).isEqualTo("auto");
        Transition submitted = store.transitionFrom(created.order(), OrderEventType.SUBMIT,
                OrderChange.because("sending order-cash"));
        assertThat(submitted.to()).isEqualTo(OrderState.SUBMITTED);
        assertThat(setting()).isEqualTo("on");
    }

    @Test
    void anEventOfAnOrderStillIntentCreatedIsHandedOutOnlyAfterAFlush() throws Exception {
        // earlier tests' orders left INTENT_CREATED would make every read wait: out of this test's way
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("update order_events e set published_at = now() from orders o where o.order_id = e.order_id "
                    + "and e.published_at is null and o.state = 'INTENT_CREATED'");
        }
        JdbcOrderStore.CreateResult created = store.create(buy("cf-" + UUID.randomUUID()));
        String createdAt = walInsertPosition();

        prepared.clear();
        assertThat(store.unpublishedEvents(10_000)).filteredOn(e -> e.orderId().equals(created.order().orderId()))
                .extracting(OrderEventRecord::eventType).containsExactly("CREATE");
        assertThat(prepared).as("a flush before the events are handed out").anyMatch(s -> s.contains("pg_logical_emit_message"));
        assertThat(flushedPast(createdAt)).as("the WAL is flushed past the create").isTrue();

        store.transitionFrom(created.order(), OrderEventType.SUBMIT, OrderChange.because("sending order-cash"));
        prepared.clear();
        assertThat(store.unpublishedEvents(10_000)).filteredOn(e -> e.orderId().equals(created.order().orderId()))
                .extracting(OrderEventRecord::eventType).containsExactly("CREATE", "SUBMIT");
        assertThat(prepared).as("the SUBMITTED commit waited for its flush, which covers the create")
                .noneMatch(s -> s.contains("pg_logical_emit_message"));
    }

    @Test
    void aDuplicateThatFindsTheOrderStillIntentCreatedHasItOnlyAfterAFlush() throws Exception {
        OrderIntent intent = buy("cf-" + UUID.randomUUID());
        JdbcOrderStore.CreateResult first = store.create(intent);
        String createdAt = walInsertPosition();

        prepared.clear();
        JdbcOrderStore.CreateResult again = store.create(intent);

        assertThat(again.created()).isFalse();
        assertThat(again.order().orderId()).isEqualTo(first.order().orderId());
        assertThat(prepared).as("the found order is returned after a flush (a 409 may name it, a resume sends it)")
                .last().asString().contains("pg_logical_emit_message");
        assertThat(flushedPast(createdAt)).isTrue();

        store.transitionFrom(first.order(), OrderEventType.SUBMIT, OrderChange.because("sending order-cash"));
        prepared.clear();
        assertThat(store.create(intent).order().state()).isEqualTo(OrderState.SUBMITTED);
        assertThat(prepared).as("a later state was a commit that waited").noneMatch(s -> s.contains("pg_logical_emit_message"));
    }

    @Test
    void theOrderApiNamesAnOrderStillIntentCreatedOnlyAfterAFlush() throws Exception {
        JdbcOrderStore.CreateResult created = store.create(buy("cf-" + UUID.randomUUID()));
        String createdAt = walInsertPosition();
        OrderApiResponses api = new OrderApiResponses(store, new kisgateway.app.adapter.api.DatabaseStall(
                new kisgateway.app.db.DatabaseTimeouts(java.time.Duration.ofSeconds(7), java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofMillis(500)), 5));

        prepared.clear();
        assertThat(api.find(kisgateway.app.adapter.api.OrderReader.strategy("s1"), created.order().orderId().toString()).json()).contains("\"state\":\"INTENT_CREATED\"");
        assertThat(prepared).as("GET /api/orders/{id}").last().asString().contains("pg_logical_emit_message");
        assertThat(flushedPast(createdAt)).isTrue();

        prepared.clear();
        assertThat(api.order(created.order(), true).status()).isEqualTo(409);
        assertThat(prepared).as("the answer to an intent").last().asString().contains("pg_logical_emit_message");

        Transition submitted = store.transitionFrom(created.order(), OrderEventType.SUBMIT,
                OrderChange.because("sending order-cash"));
        prepared.clear();
        api.find(kisgateway.app.adapter.api.OrderReader.strategy("s1"), created.order().clientOrderId());
        api.order(submitted.order(), false);
        assertThat(prepared).noneMatch(s -> s.contains("pg_logical_emit_message"));
    }

    private OrderIntent buy(String clientId) {
        return new OrderIntent(clientId, "flush-" + UUID.randomUUID().toString().substring(0, 8), "s1", "005930",
                Side.BUY, 1, OrderType.LIMIT, new BigDecimal("70000"), Exchange.KRX, Duration.ofSeconds(2),
                Instant.now());
    }

    private String setting() throws SQLException {
        return setting("synchronous_commit");
    }

    private String setting(String name) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String walInsertPosition() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private boolean flushedPast(String lsn) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_current_wal_flush_lsn() >= '" + lsn + "'::pg_lsn")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The one connection, kept open across the store's uses; records what it prepares and the setting at commits. */
    private DataSource recordingDataSource() {
        Connection kept = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!connection.getAutoCommit()) {
                                connection.rollback();
                                connection.setAutoCommit(true);
                            }
                            return null;
                        }
                        case "commit" -> {
                            settingAtCommit.add(setting());
                            planCacheModeAtCommit.add(setting("plan_cache_mode"));
                        }
                        case "prepareStatement" -> prepared.add((String) args[0]);
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
