package kisgateway.query;

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

/** Reads an account's {@link ReconciliationMark} from recon_runs and recon_breaks. */
public final class JdbcReconciliationMarks {

    private JdbcReconciliationMarks() {
    }

    public static ReconciliationMark read(Connection c, String account) throws SQLException {
        Instant lastStarted = null;
        String lastOutcome = null;
        Instant lastSucceeded = null;
        try (PreparedStatement ps = c.prepareStatement("select started_at, outcome from recon_runs where account = ? "
                + "order by started_at desc, run_id desc limit 1")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastStarted = rs.getTimestamp(1).toInstant();
                    lastOutcome = rs.getString(2);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select max(started_at) from recon_runs where account = ? "
                + "and outcome = 'SUCCEEDED'")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                lastSucceeded = t == null ? null : t.toInstant();
            }
        }
        Map<String, List<String>> open = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select subject, kind from recon_breaks where account = ? "
                + "and resolved_at is null order by break_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        open.replaceAll((k, v) -> List.copyOf(v));
        return new ReconciliationMark(lastStarted, lastOutcome, lastSucceeded, open);
    }
}
