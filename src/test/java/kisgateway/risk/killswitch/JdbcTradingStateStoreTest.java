package kisgateway.risk.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kisgateway.risk.MutableClock;
import kisgateway.risk.RiskTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL with the project's migrations. */
class JdbcTradingStateStoreTest {

    private final DataSource db = RiskTestDatabase.dataSource();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T01:02:03.123456Z"));
    private JdbcTradingStateStore store;

    @BeforeEach
    void setUp() {
        RiskTestDatabase.execute("truncate trading_states", "truncate audit_log");
        store = new JdbcTradingStateStore(db);
    }

    @AfterEach
    void dropSabotage() {
        RiskTestDatabase.execute("drop trigger if exists audit_sabotage on audit_log",
                "drop function if exists audit_sabotage()");
    }

    @Test
    void switchesSurviveARestart() {
        KillSwitchBoard board = KillSwitchBoard.load(store, clock);
        board.switchTo(KillSwitchScope.global(), TradingState.REDUCING, "ops", "volatility");
        board.switchTo(KillSwitchScope.account("acct1"), TradingState.HALTED, "kim", "fat finger");
        board.switchTo(KillSwitchScope.strategy("alpha"), TradingState.HALTED, "kim", "runaway");
        board.switchTo(KillSwitchScope.strategy("alpha"), TradingState.ACTIVE, "lee", "fixed");

        KillSwitchBoard restarted = KillSwitchBoard.load(new JdbcTradingStateStore(db), clock);
        assertThat(restarted.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.REDUCING);
        assertThat(restarted.stateOf(KillSwitchScope.account("acct1"))).isEqualTo(TradingState.HALTED);
        assertThat(restarted.stateOf(KillSwitchScope.strategy("alpha"))).isEqualTo(TradingState.ACTIVE);
        TradingStateEntry account = restarted.snapshot().get(KillSwitchScope.account("acct1"));
        assertThat(account.changedBy()).isEqualTo("kim");
        assertThat(account.reason()).isEqualTo("fat finger");
        assertThat(account.changedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void everyChangeIsAuditedWithItsPreviousState() throws Exception {
        KillSwitchBoard board = KillSwitchBoard.load(store, clock);
        board.switchTo(KillSwitchScope.account("acct1"), TradingState.HALTED, "kim", "fat finger");
        board.switchTo(KillSwitchScope.account("acct1"), TradingState.REDUCING, "lee", "unwinding");
        assertThat(auditTrail()).containsExactly(
                "kim TRADING_STATE_CHANGED ACCOUNT acct1 ACTIVE->HALTED fat finger",
                "lee TRADING_STATE_CHANGED ACCOUNT acct1 HALTED->REDUCING unwinding");
    }

    @Test
    void aFailedAuditRollsTheSwitchBack() throws Exception {
        store.save(new TradingStateEntry(KillSwitchScope.global(), TradingState.ACTIVE, "initial", "ops", clock.instant()));
        RiskTestDatabase.execute("""
                create function audit_sabotage() returns trigger language plpgsql as $$
                begin raise exception 'audit refused'; end $$""",
                "create trigger audit_sabotage before insert on audit_log for each row execute function audit_sabotage()");

        KillSwitchBoard board = KillSwitchBoard.load(store, clock);
        assertThatThrownBy(() -> board.switchTo(KillSwitchScope.global(), TradingState.HALTED, "ops", "x"))
                .hasMessageContaining("audit refused");
        assertThat(board.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.ACTIVE);
        assertThat(KillSwitchBoard.load(store, clock).stateOf(KillSwitchScope.global())).isEqualTo(TradingState.ACTIVE);
        assertThat(auditTrail()).hasSize(1);
    }

    private List<String> auditTrail() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select actor, action, detail->>'scope', detail->>'key', detail->>'from', detail->>'to', detail->>'reason'
                     from audit_log order by audit_id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + "->" + rs.getString(6) + " " + rs.getString(7));
            }
        }
        return rows;
    }
}
