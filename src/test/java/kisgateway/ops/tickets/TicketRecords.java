package kisgateway.ops.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Breaks written as reconciliation writes them, and the tickets' rows read back, for the ticket tests. */
final class TicketRecords {

    private final DataSource dataSource;

    TicketRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long run(String account) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into recon_runs "
                + "(account, trigger, started_at, outcome) values (?, 'TEST', now(), 'SUCCEEDED') returning run_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long openBreak(String account, String kind, String subject, Instant openedAt, String brokerEvidence)
            throws SQLException {
        long run = run(account);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into recon_breaks "
                + "(account, kind, subject, opened_run_id, opened_at, local_evidence, broker_evidence, summary) values "
                + "(?,?,?,?,?,'{\"quantity\":\"0\"}'::jsonb,?::jsonb,?) returning break_id")) {
            ps.setString(1, account);
            ps.setString(2, kind);
            ps.setString(3, subject);
            ps.setLong(4, run);
            ps.setTimestamp(5, Timestamp.from(openedAt));
            ps.setString(6, brokerEvidence);
            ps.setString(7, kind + " of " + subject + " differs");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void resolve(long breakId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update recon_breaks set resolved_at = ? where break_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, breakId);
            ps.executeUpdate();
        }
    }

    /** The account's ticket changes, oldest first: "ticketKey version change". */
    List<String> changes(String account) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select t.ticket_key, "
                + "e.version, e.change from ops_ticket_events e join ops_tickets t on t.ticket_id = e.ticket_id "
                + "where t.account = ? order by e.event_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " v" + rs.getInt(2) + " " + rs.getString(3));
                }
            }
        }
        return out;
    }

    /** The webhook outcome of each of the account's changes, oldest first. */
    List<String> webhookOutcomes(String account) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select "
                + "coalesce(e.webhook_outcome, 'PENDING'), e.webhook_attempts from ops_ticket_events e join ops_tickets t "
                + "on t.ticket_id = e.ticket_id where t.account = ? order by e.event_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** Other tests' webhook changes left due would be posted to this test's server: done with them first. */
    void finishEveryWebhookDelivery() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update ops_ticket_events "
                + "set webhook_done_at = now(), webhook_outcome = 'DELIVERED' where webhook_next_at is not null and "
                + "webhook_done_at is null")) {
            ps.executeUpdate();
        }
    }
}
