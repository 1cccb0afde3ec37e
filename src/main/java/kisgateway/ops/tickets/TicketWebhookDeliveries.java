package kisgateway.ops.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Delivers due ticket changes to the incident tool's webhook, oldest first. Each change is taken under a row lock
 * (skip locked: two instances never post the same change at once), posted, and its outcome written before the lock
 * goes: delivered; failed and due again after the back-off; or, after the last try, dead-lettered. A ticket's later
 * change waits until its earlier one is done, so the tool sees a ticket's changes in order.
 */
public final class TicketWebhookDeliveries {

    /** What one round did. */
    public record Round(int delivered, int failed, int deadLettered) {
    }

    private final DataSource dataSource;
    private final WebhookTransport transport;
    private final TicketDeadLetters deadLetters;
    private final RetryBackoff backoff;
    private final Clock clock;

    public TicketWebhookDeliveries(DataSource dataSource, WebhookTransport transport, TicketDeadLetters deadLetters,
                                   RetryBackoff backoff, Clock clock) {
        this.dataSource = dataSource;
        this.transport = transport;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Up to {@code limit} tries of changes due now. */
    public Round deliverDue(int limit) throws Exception {
        int delivered = 0;
        int failed = 0;
        int dead = 0;
        for (int i = 0; i < limit; i++) {
            Optional<Outcome> outcome = deliverOne();
            if (outcome.isEmpty()) {
                break;
            }
            switch (outcome.get()) {
                case DELIVERED -> delivered++;
                case FAILED -> failed++;
                case DEAD_LETTERED -> dead++;
            }
        }
        return new Round(delivered, failed, dead);
    }

    private enum Outcome { DELIVERED, FAILED, DEAD_LETTERED }

    private Optional<Outcome> deliverOne() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Outcome> result = deliverOne(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new TicketStoreException("webhook deliveries: " + e.getMessage(), e);
        }
    }

    private Optional<Outcome> deliverOne(Connection c) throws Exception {
        Instant now = clock.instant();
        TicketEvent event;
        int attempts;
        try (PreparedStatement ps = c.prepareStatement("select " + TicketOutbox.EVENT_COLUMNS + ", e.webhook_attempts "
                + "from ops_ticket_events e join ops_tickets t on t.ticket_id = e.ticket_id where e.webhook_next_at <= ? "
                + "and e.webhook_done_at is null and not exists (select 1 from ops_ticket_events p where p.ticket_id = "
                + "e.ticket_id and p.event_id < e.event_id and p.webhook_next_at is not null and p.webhook_done_at is null) "
                + "order by e.webhook_next_at, e.event_id limit 1 for update of e skip locked")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                event = TicketOutbox.read(rs);
                attempts = rs.getInt(9);
            }
        }
        WebhookTransport.Attempt attempt = transport.post(event.json(), event.duplicateId());
        int tried = attempts + 1;
        Instant after = clock.instant();
        if (attempt.delivered()) {
            finish(c, event.eventId(), tried, after, "DELIVERED", null);
            return Optional.of(Outcome.DELIVERED);
        }
        if (backoff.exhausted(tried)) {
            WebhookDeliveryFailed failure = new WebhookDeliveryFailed(attempt.reason(), tried);
            // in the same transaction: a dead letter that could not be sent leaves the change due, tried again
            deadLetters.deadLetter(event, failure);
            finish(c, event.eventId(), tried, after, "DEAD_LETTERED", failure.getMessage());
            return Optional.of(Outcome.DEAD_LETTERED);
        }
        try (PreparedStatement ps = c.prepareStatement("update ops_ticket_events set webhook_attempts = ?, "
                + "webhook_next_at = ?, webhook_error = ? where event_id = ?")) {
            ps.setInt(1, tried);
            ps.setTimestamp(2, Timestamp.from(after.plus(backoff.delayAfter(tried))));
            ps.setString(3, attempt.reason());
            ps.setLong(4, event.eventId());
            ps.executeUpdate();
        }
        return Optional.of(Outcome.FAILED);
    }

    private static void finish(Connection c, long eventId, int tried, Instant at, String outcome, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update ops_ticket_events set webhook_attempts = ?, "
                + "webhook_done_at = ?, webhook_outcome = ?, webhook_error = ? where event_id = ?")) {
            ps.setInt(1, tried);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, outcome);
            ps.setString(4, error);
            ps.setLong(5, eventId);
            ps.executeUpdate();
        }
    }
}
