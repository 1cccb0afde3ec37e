package kisgateway.ops.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tickets that ask an operator for a review (not tied to a break): opened once per key (the unique ticket_key:
 * the same finding on another run, after a restart or on another instance opens none), closed by the operator.
 * Each change goes to the outbox with the ticket, as a break's ticket does.
 */
public final class ReviewTickets {

    private final DataSource dataSource;
    private final Clock clock;
    private final boolean webhook;

    public ReviewTickets(DataSource dataSource, Clock clock, boolean webhook) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.webhook = webhook;
    }

    /** An open or closed review ticket; {@code localEvidence} and {@code brokerEvidence} are JSON objects. */
    public record Review(long ticketId, String ticketKey, String kind, String account, String subject, String state,
                         String summary, String localEvidence, String brokerEvidence, java.time.Instant openedAt) {
    }

    /** @return the new ticket's id, or empty when a ticket of this key exists already */
    public Optional<Long> open(String ticketKey, String account, String kind, String subject, String summary,
                               String localEvidenceJson, String brokerEvidenceJson) {
        try (Connection c = dataSource.getConnection()) {
            return BreakTickets.inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement("insert into ops_tickets (ticket_key, account, kind, "
                        + "subject, state, version, summary, local_evidence, broker_evidence, opened_at, updated_at) "
                        + "values (?,?,?,?,'OPEN',1,?,?::jsonb,?::jsonb,?,?) on conflict do nothing returning "
                        + TicketRow.COLUMNS)) {
                    Timestamp now = Timestamp.from(clock.instant());
                    ps.setString(1, ticketKey);
                    ps.setString(2, account);
                    ps.setString(3, kind);
                    ps.setString(4, subject);
                    ps.setString(5, summary);
                    ps.setString(6, localEvidenceJson);
                    ps.setString(7, brokerEvidenceJson);
                    ps.setTimestamp(8, now);
                    ps.setTimestamp(9, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.<Long>empty();
                        }
                        TicketRow row = TicketRow.read(rs);
                        row.recordChange(c, TicketChange.OPENED, clock.instant(), webhook);
                        return Optional.of(row.ticketId());
                    }
                }
            });
        } catch (SQLException e) {
            throw new TicketStoreException("opening ticket " + ticketKey + ": " + e.getMessage(), e);
        }
    }

    /** Closes an open review ticket of the kind. @return it as it was, or empty when there is no such open one */
    public Optional<Review> close(long ticketId, String kind) {
        try (Connection c = dataSource.getConnection()) {
            return BreakTickets.inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement("update ops_tickets set state = 'CLOSED', version = "
                        + "version + 1, updated_at = ?, closed_at = ? where ticket_id = ? and kind = ? and state = 'OPEN' "
                        + "and break_id is null returning " + TicketRow.COLUMNS)) {
                    Timestamp now = Timestamp.from(clock.instant());
                    ps.setTimestamp(1, now);
                    ps.setTimestamp(2, now);
                    ps.setLong(3, ticketId);
                    ps.setString(4, kind);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.<Review>empty();
                        }
                        TicketRow row = TicketRow.read(rs);
                        row.recordChange(c, TicketChange.CLOSED, clock.instant(), webhook);
                        return Optional.of(review(row));
                    }
                }
            });
        } catch (SQLException e) {
            throw new TicketStoreException("closing ticket " + ticketId + ": " + e.getMessage(), e);
        }
    }

    public List<Review> open(String kind) {
        List<Review> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select "
                + TicketRow.COLUMNS + " from ops_tickets where kind = ? and state = 'OPEN' and break_id is null "
                + "order by ticket_id")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(review(TicketRow.read(rs)));
                }
            }
        } catch (SQLException e) {
            throw new TicketStoreException("reading open " + kind + " tickets: " + e.getMessage(), e);
        }
        return out;
    }

    private static Review review(TicketRow r) {
        return new Review(r.ticketId(), r.ticketKey(), r.kind(), r.account(), r.subject(), r.state(), r.summary(),
                r.localEvidence(), r.brokerEvidence(), r.openedAt());
    }
}
