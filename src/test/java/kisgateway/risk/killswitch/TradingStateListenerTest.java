package kisgateway.risk.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import kisgateway.risk.RiskTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener against a real PostgreSQL with the project's migrations: two boards on one database stand for two
 * instances, the timer reload is never called, so only the database's notice can carry a move.
 */
class TradingStateListenerTest {

    private static final String NAME = "kill-switch-listener-test";
    private static final TradingStateListener.Settings FAST = new TradingStateListener.Settings(
            Duration.ofMillis(200), Duration.ofMillis(1000), Duration.ofMillis(300));

    private final DataSource db = RiskTestDatabase.dataSource();
    private final Clock clock = Clock.systemUTC();
    private KillSwitchBoard here;
    private KillSwitchBoard elsewhere;
    private TradingStateListener listener;

    @BeforeEach
    void setUp() {
        RiskTestDatabase.execute("truncate trading_states", "truncate audit_log");
        here = KillSwitchBoard.load(new JdbcTradingStateStore(db), clock);
        elsewhere = KillSwitchBoard.load(new JdbcTradingStateStore(db), clock);
    }

    @AfterEach
    void tearDown() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void aMoveCommittedThroughAnotherInstanceReachesTheBoardWithinASecond() {
        listener = TradingStateListener.start(db, NAME, here, FAST);
        awaitListening();
        long t0 = System.nanoTime();
        elsewhere.switchTo(KillSwitchScope.account("acct1"), TradingState.HALTED, "kim", "fat finger");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2))
                .until(() -> here.stateOf(KillSwitchScope.account("acct1")) == TradingState.HALTED);
        System.out.printf("kill switch notice: seen %d ms after the commit began%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(here.known()).isTrue();
    }

    @Test
    void aMoveMadeByHandInSqlIsHeardToo() {
        listener = TradingStateListener.start(db, NAME, here, FAST);
        awaitListening();
        RiskTestDatabase.execute("insert into trading_states (scope, scope_key, state, reason, changed_by) "
                + "values ('GLOBAL', '*', 'REDUCING', 'psql during an incident', 'dba')");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2))
                .until(() -> here.stateOf(KillSwitchScope.global()) == TradingState.REDUCING);
    }

    @Test
    void aLostConnectionMakesTheBoardUnknownUntilItListensAgainAndHasReadEverything() throws Exception {
        TradingStateListener.Settings slowRetry = new TradingStateListener.Settings(
                Duration.ofMillis(200), Duration.ofMillis(1000), Duration.ofMillis(1500));
        listener = TradingStateListener.start(db, NAME, here, slowRetry);
        awaitListening();

        assertThat(terminateListener()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> !here.known());
        assertThat(here.unknown().cause()).contains("terminating connection");
        // moved while nobody here listens: no notice will ever arrive for it
        elsewhere.switchTo(KillSwitchScope.strategy("alpha"), TradingState.HALTED, "lee", "runaway");
        assertThat(here.known()).isFalse();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(here::known);
        assertThat(here.stateOf(KillSwitchScope.strategy("alpha"))).as("the full read on reconnect")
                .isEqualTo(TradingState.HALTED);
        assertThat(listeners()).isEqualTo(1);
        elsewhere.switchTo(KillSwitchScope.strategy("alpha"), TradingState.ACTIVE, "lee", "fixed");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2))
                .until(() -> here.stateOf(KillSwitchScope.strategy("alpha")) == TradingState.ACTIVE);
    }

    @Test
    void aListenerThatCannotConnectLeavesTheBoardUnknownAndRecoversWhenTheDatabaseAnswers() {
        AtomicInteger refusals = new AtomicInteger(2);
        listener = TradingStateListener.start(new RefusingFirst(db, refusals), NAME, here, FAST);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> !here.known());
        assertThat(here.unknown().cause()).contains("Connection refused");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(here::known);
        assertThat(refusals.get()).isNegative();
    }

    @Test
    void closingDropsTheConnectionAtOnce() {
        listener = TradingStateListener.start(db, NAME, here, new TradingStateListener.Settings(
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1)));
        awaitListening();
        long t0 = System.nanoTime();
        listener.close();
        listener = null;
        assertThat((System.nanoTime() - t0) / 1_000_000).as("not the 30 s wait for notices").isLessThan(2_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> listeners() == 0);
        assertThat(here.known()).as("a board closed on purpose keeps its copy").isTrue();
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> listeners() == 1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(here::known);
    }

    private int listeners() throws SQLException {
        return count("select count(*) from pg_stat_activity where application_name = '" + NAME + "'");
    }

    private int terminateListener() throws SQLException {
        return count("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '" + NAME + "'");
    }

    private int count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A database that refuses the first connections, as one restarting does. */
    private record RefusingFirst(DataSource db, AtomicInteger refusals) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (refusals.getAndDecrement() > 0) {
                throw new SQLException("Connection refused", "08001");
            }
            return db.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
