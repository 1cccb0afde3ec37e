package kisgateway.app.broker;

import java.util.List;
import java.util.Map;
import kisgateway.order.parent.ParentEventOutbox;

/**
 * Moves committed parent-order events to kis.order.events in transacted batches with duplicate ids and marks them
 * sent (the order events' relay, for the parents' own outbox): a crash between the broker's commit and the mark
 * sends the batch again, and the broker drops what it already has.
 */
public final class ParentEventRelay implements AutoCloseable {

    private final TransactedPublisher publisher;
    private final ParentEventOutbox outbox;
    private final int batchSize;

    public ParentEventRelay(jakarta.jms.ConnectionFactory connections, ParentEventOutbox outbox, int batchSize) {
        this.publisher = new TransactedPublisher(connections);
        this.outbox = outbox;
        this.batchSize = batchSize;
    }

    /** @return parent events published */
    public synchronized int publish() throws Exception {
        int total = 0;
        List<ParentEventOutbox.ParentEventMessage> batch;
        do {
            batch = outbox.pending(batchSize);
            publisher.send("kis.order.events", true, batch.stream().map(e -> new TransactedPublisher.Outgoing(
                    e.duplicateId(), e.json(), Map.of("orderId", e.orderId(), "account", e.account(),
                    "symbol", e.symbol(), "side", e.side(), "state", e.state(), "shadow", "false",
                    "kind", "PARENT"))).toList());
            outbox.markPublished(batch.stream().map(ParentEventOutbox.ParentEventMessage::eventId).toList());
            total += batch.size();
        } while (batch.size() == batchSize);
        return total;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
