package kisgateway.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import kisgateway.testing.RunsAlone;
import kisgateway.testing.StalledDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every answer the pool waits for from PostgreSQL is bounded: by the server while it can still act (statement and
 * lock timeouts), by the socket when it stopped answering at all (SIGSTOP of the whole server), and each failure
 * says which bound ended it.
 */
@RunsAlone
class GatewayDataSourceTimeoutsTest {

    private static final DatabaseTimeouts SHORT = new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofMillis(600),
            Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(1000), Duration.ofMillis(250));

    private static EmbeddedDatabase database;
    private static GatewayDataSource pool;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(null, 0, false);
        pool = GatewayDataSource.connect(database.jdbcUrl(), database.user(), database.password(), 4, SHORT);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aStatementOnAStalledServerFailsWithinTheSocketTimeout() throws Exception {
        try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("select 1");
            try (StalledDatabase stalled = StalledDatabase.stall(pool.dataSource())) {
                long start = System.nanoTime();
                Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(5),
                        () -> catchThrowable(() -> st.execute("select 1")));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
                assertThat(failure).isInstanceOf(SQLException.class);
                assertThat(SHORT.unanswered(failure)).hasValue("the gateway's database did not answer within 1000 ms");
            }
        }
    }

    @Test
    void noConnectionOutOfTheStalledPoolPastTheConnectionTimeout() throws Exception {
        try (StalledDatabase stalled = StalledDatabase.stall(pool.dataSource())) {
            long start = System.nanoTime();
            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> catchThrowable(() -> {
                // an idle connection is checked before it is handed out; a stalled server fails the check
                try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("select 1");
                }
            }));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.longestWait());
            assertThat(SHORT.unanswered(failure)).isPresent();
        }
        // and the pool recovers by itself once the server answers again
        try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aLiveServerCancelsALongStatementAndALongLockWait() throws Exception {
        try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
            Throwable slow = catchThrowable(() -> st.execute("select pg_sleep(3)"));
            assertThat(SHORT.unanswered(slow))
                    .hasValue("the gateway's database did not finish a statement within 600 ms");
            // the connection survives a server-side cancel
            st.execute("select 1");
        }
        try (Connection holder = pool.dataSource().getConnection(); Statement h = holder.createStatement();
             Connection waiter = pool.dataSource().getConnection(); Statement w = waiter.createStatement()) {
            holder.setAutoCommit(false);
            h.execute("select pg_advisory_xact_lock(4242)");
            Throwable locked = catchThrowable(() -> w.execute("select pg_advisory_xact_lock(4242)"));
            assertThat(SHORT.unanswered(locked)).hasValue("the gateway's database did not grant a lock within 300 ms");
            holder.rollback();
        }
    }

    @Test
    void migrationsAndListeningConnectionsHaveNoStatementBound() throws Exception {
        try (Connection c = pool.unpooled().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
    }

    @Test
    void otherDatabaseErrorsAreNotTakenForAStall() throws Exception {
        try (Connection c = pool.dataSource().getConnection(); Statement st = c.createStatement()) {
            Throwable bad = catchThrowable(() -> st.execute("select * from no_such_table"));
            assertThat(bad).isInstanceOf(SQLException.class);
            assertThat(SHORT.unanswered(bad)).isEmpty();
        }
        assertThat(SHORT.unanswered(new IllegalStateException("kis timeout", new java.net.SocketTimeoutException())))
                .as("a socket timeout outside the driver (an HTTP call) is not the database's").isEmpty();
    }
}
