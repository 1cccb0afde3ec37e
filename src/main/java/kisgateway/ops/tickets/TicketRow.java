package kisgateway.ops.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A row of ops_tickets as a statement returned it, and its message body after a change. */
record TicketRow(long ticketId, String ticketKey, Long breakId, String account, String kind, String subject,
                 String state, int version, String summary, String localEvidence, String brokerEvidence,
                 Instant openedAt, Instant updatedAt, Instant closedAt) {

    /** The columns {@link #read} expects, for a RETURNING or SELECT list (table alias optional). */
    static final String COLUMNS = "ticket_id, ticket_key, break_id, account, kind, subject, state, version, summary, "
            + "local_evidence::text, broker_evidence::text, opened_at, updated_at, closed_at";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    static TicketRow read(ResultSet rs) throws SQLException {
        long breakId = rs.getLong(3);
        Long maybeBreak = rs.wasNull() ? null : breakId;
        Timestamp closed = rs.getTimestamp(14);
        return new TicketRow(rs.getLong(1), rs.getString(2), maybeBreak, rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), closed == null ? null : closed.toInstant());
    }

    /**
     * The change's row in ops_ticket_events (the outbox of kis.ops.tickets and of the webhook), on the connection
     * and in the transaction that made the change.
     */
    void recordChange(java.sql.Connection c, TicketChange change, Instant now, boolean webhook) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into ops_ticket_events (ticket_id, version, "
                + "change, body, created_at, webhook_next_at) values (?,?,?,?::jsonb,?,?)")) {
            ps.setLong(1, ticketId);
            ps.setInt(2, version);
            ps.setString(3, change.name());
            ps.setString(4, body(change));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, webhook ? Timestamp.from(now) : null);
            ps.executeUpdate();
        }
    }

    /** docs/schemas/ops-ticket.schema.json */
    String body(TicketChange change) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ticketId", ticketId);
        n.put("ticketKey", ticketKey);
        n.put("version", version);
        n.put("change", change.name());
        n.put("state", state);
        n.put("account", account);
        n.put("kind", kind);
        n.put("subject", subject);
        n.put("summary", summary);
        if (breakId == null) {
            n.putNull("breakId");
        } else {
            n.put("breakId", breakId);
        }
        n.put("openedAt", time(openedAt));
        n.put("updatedAt", time(updatedAt));
        if (closedAt == null) {
            n.putNull("closedAt");
            n.putNull("timeToResolveSeconds");
        } else {
            n.put("closedAt", time(closedAt));
            n.put("timeToResolveSeconds", Duration.between(openedAt, closedAt).toMillis() / 1000.0);
        }
        try {
            n.set("local", JSON.readTree(localEvidence));
            n.set("broker", JSON.readTree(brokerEvidence));
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("ticket " + ticketId + " holds evidence that is not JSON", e);
        }
    }

    private static String time(Instant t) {
        return t.atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
