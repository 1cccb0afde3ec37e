package kisgateway.risk.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.jdbc.JdbcTransaction;

/**
 * The rollout stores' way to the database: a change and its {@code audit_log} row in one transaction, reads on
 * their own. A failure is reported with what was being done, never half done.
 */
final class AuditedTransactions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    AuditedTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> read(String sql, Rows<T> rows) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rows.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("rollout settings could not be read: " + e.getMessage(), e);
        }
    }

    <T> T inTransaction(JdbcTransaction.Work<T> work) {
        return JdbcTransaction.run(dataSource, work,
                e -> new IllegalStateException("rollout change could not be saved: " + e.getMessage(), e));
    }

    static Map<String, Object> scopeDetail(RolloutScope scope) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account", scope.account());
        if (!scope.isAccount()) {
            detail.put("strategy", scope.strategy());
        }
        return detail;
    }

    static void audit(Connection c, Instant at, String actor, String action, Map<String, Object> detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into audit_log (at, actor, action, detail) values (?, ?, ?, ?::jsonb)")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setString(3, action);
            try {
                ps.setString(4, JSON.writeValueAsString(detail));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("audit detail is not serialisable", e);
            }
            ps.executeUpdate();
        }
    }
}
