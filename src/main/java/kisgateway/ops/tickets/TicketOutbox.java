package kisgateway.ops.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Ticket changes still to go on kis.ops.tickets, oldest first, and their marks once the broker has them. A change
 * sent again after a crash between the two is dropped by the broker (its duplicate id).
 */
public final class TicketOutbox {

    static final String EVENT_COLUMNS = "e.event_id, e.ticket_id, e.version, e.change, t.state, t.account, t.kind, e.body::text";

    private final DataSource dataSource;
    private final Clock clock;

    public TicketOutbox(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<TicketEvent> pending(int limit) {
        List<TicketEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + EVENT_COLUMNS + " from ops_ticket_events e join "
                     + "ops_tickets t on t.ticket_id = e.ticket_id where e.published_at is null order by e.event_id limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new TicketStoreException("reading ticket changes failed: " + e.getMessage(), e);
        }
        return out;
    }

    public void markPublished(List<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update ops_ticket_events set published_at = ? where event_id = any (?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("bigint", eventIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new TicketStoreException("marking ticket changes published failed: " + e.getMessage(), e);
        }
    }

    static TicketEvent read(ResultSet rs) throws SQLException {
        // the state after this change, not the ticket's current one (a later change may have closed it)
        TicketChange change = TicketChange.valueOf(rs.getString(4));
        String state = change == TicketChange.CLOSED ? "CLOSED" : "OPEN";
        return new TicketEvent(rs.getLong(1), rs.getLong(2), rs.getInt(3), change, state, rs.getString(6),
                rs.getString(7), rs.getString(8));
    }
}
