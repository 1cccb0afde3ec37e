package kisgateway.risk.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A change waiting for its second operator, as a row of {@code rollout_pending_changes}: locked for the approval
 * or withdrawal that settles it, then deleted. Promotions (kind PHASE) and cap raises (kind CAP) share the table.
 */
final class PendingChangeRows {

    private PendingChangeRows() {
    }

    /** The pending change of that kind, locked until the transaction ends, or {@link UnknownPendingChange}. */
    static <T> T lock(Connection c, long id, String kind, String columns, AuditedTransactions.Rows<T> rows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + columns + " from rollout_pending_changes"
                + " where change_id = ? and kind = ? for update")) {
            ps.setLong(1, id);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownPendingChange("no pending change " + id + " (approved, withdrawn or superseded"
                            + " already?)");
                }
                return rows.map(rs);
            }
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from rollout_pending_changes where change_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
