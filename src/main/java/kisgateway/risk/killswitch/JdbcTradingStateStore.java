package kisgateway.risk.killswitch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.jdbc.JdbcTransaction;

/**
 * Kill switch positions in {@code trading_states}, each change audited in {@code audit_log} (action
 * {@value #AUDIT_ACTION}) in the same transaction. The previous position is read under a row lock, so two instances
 * switching at once still leave a truthful from/to trail.
 */
public final class JdbcTradingStateStore implements TradingStateStore {

    public static final String AUDIT_ACTION = "TRADING_STATE_CHANGED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public JdbcTradingStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<TradingStateEntry> loadAll() {
        String sql = "select scope, scope_key, state, reason, changed_by, changed_at from trading_states";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<TradingStateEntry> entries = new ArrayList<>();
            while (rs.next()) {
                entries.add(new TradingStateEntry(
                        new KillSwitchScope(ScopeKind.valueOf(rs.getString("scope")), rs.getString("scope_key")),
                        TradingState.valueOf(rs.getString("state")), rs.getString("reason"),
                        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()));
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("trading states could not be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public TradingState save(TradingStateEntry entry) {
        return JdbcTransaction.run(dataSource, c -> {
            TradingState previous = lockCurrent(c, entry.scope());
            upsert(c, entry);
            audit(c, entry, previous);
            return previous;
        }, e -> new IllegalStateException("kill switch " + entry.scope() + " could not be saved: " + e.getMessage(), e));
    }

    private static TradingState lockCurrent(Connection c, KillSwitchScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select state from trading_states where scope = ? and scope_key = ? for update")) {
            ps.setString(1, scope.kind().name());
            ps.setString(2, scope.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? TradingState.valueOf(rs.getString(1)) : TradingState.ACTIVE;
            }
        }
    }

    private static void upsert(Connection c, TradingStateEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into trading_states (scope, scope_key, state, reason, changed_by, changed_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (scope, scope_key) do update
                set state = excluded.state, reason = excluded.reason,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at""")) {
            ps.setString(1, e.scope().kind().name());
            ps.setString(2, e.scope().key());
            ps.setString(3, e.state().name());
            ps.setString(4, e.reason());
            ps.setString(5, e.changedBy());
            ps.setTimestamp(6, Timestamp.from(e.changedAt()));
            ps.executeUpdate();
        }
    }

    private static void audit(Connection c, TradingStateEntry e, TradingState previous) throws SQLException {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("scope", e.scope().kind().name());
        detail.put("key", e.scope().key());
        detail.put("from", previous.name());
        detail.put("to", e.state().name());
        detail.put("reason", e.reason());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into audit_log (at, actor, action, detail) values (?, ?, ?, ?::jsonb)")) {
            ps.setTimestamp(1, Timestamp.from(e.changedAt()));
            ps.setString(2, e.changedBy());
            ps.setString(3, AUDIT_ACTION);
            ps.setString(4, json(detail));
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, String> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not serialisable", e);
        }
    }
}
