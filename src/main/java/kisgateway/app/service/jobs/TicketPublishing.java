package kisgateway.app.service.jobs;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import kisgateway.app.broker.DeadLetterProperties;
import kisgateway.app.broker.TransactedPublisher;
import kisgateway.app.logging.SecretMask;
import kisgateway.ops.tickets.TicketDeadLetters;
import kisgateway.ops.tickets.TicketEvent;
import kisgateway.ops.tickets.TicketOutbox;
import kisgateway.ops.tickets.WebhookDeliveryFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket changes to Artemis: the outbox's rows to kis.ops.tickets in transacted batches, marked once sent (a crash
 * in between sends them again, dropped by duplicate id), and the webhook's given-up changes to
 * DLQ.kis.ops.tickets with the dead-letter headers every DLQ carries.
 */
public final class TicketPublishing implements TicketDeadLetters, AutoCloseable {

    public static final String ADDRESS = "kis.ops.tickets";
    public static final String DEAD_LETTERS = "DLQ.kis.ops.tickets";
    /** The route whose job gave the change up: the webhook's delivery (routes/operations-jobs.camel.yaml). */
    static final String WEBHOOK_ROUTE = "deliverTicketWebhooks";

    private static final Logger LOG = LoggerFactory.getLogger(TicketPublishing.class);

    private final TicketOutbox outbox;
    private final TransactedPublisher publisher;
    private final TransactedPublisher deadLetterPublisher;
    private final int batchSize;
    private final Clock clock;

    public TicketPublishing(TicketOutbox outbox, ConnectionFactory connections, int batchSize, Clock clock) {
        this.outbox = outbox;
        this.publisher = new TransactedPublisher(connections);
        this.deadLetterPublisher = new TransactedPublisher(connections);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return changes published */
    public synchronized int publishPending() throws JMSException {
        int total = 0;
        List<TicketEvent> batch;
        do {
            batch = outbox.pending(batchSize);
            publisher.send(ADDRESS, false, batch.stream().map(e -> new TransactedPublisher.Outgoing(e.duplicateId(),
                    e.json(), Map.of("account", e.account(), "kind", e.kind(), "change", e.change().name(),
                    "state", e.state()))).toList());
            outbox.markPublished(batch.stream().map(TicketEvent::eventId).toList());
            total += batch.size();
        } while (batch.size() == batchSize);
        return total;
    }

    /** After a run: a failure (broker down) leaves the changes for the sweep, and does not fail the run. */
    public int publishQuietly() {
        try {
            return publishPending();
        } catch (Exception e) {
            LOG.warn("ticket changes stored but not yet on {}, the sweep retries: {}", ADDRESS,
                    SecretMask.mask(e.toString()));
            return 0;
        }
    }

    @Override
    public void deadLetter(TicketEvent event, WebhookDeliveryFailed failure) throws JMSException {
        String masked = SecretMask.mask(failure.getMessage());
        deadLetterPublisher.send(DEAD_LETTERS, false, List.of(new TransactedPublisher.Outgoing(
                "dead-" + event.duplicateId(), event.json(), Map.of(
                DeadLetterProperties.REASON, masked,
                DeadLetterProperties.ROUTE, WEBHOOK_ROUTE,
                DeadLetterProperties.FAILED_AT, clock.instant().toString(),
                DeadLetterProperties.ERROR_TYPE, failure.getClass().getName(),
                "account", event.account(),
                "change", event.change().name()))));
        LOG.warn("dead-lettered route={} ticket={} version={} attempts={} reason={}", WEBHOOK_ROUTE, event.ticketId(),
                event.version(), failure.attempts(), masked);
    }

    @Override
    public void close() {
        publisher.close();
        deadLetterPublisher.close();
    }
}
