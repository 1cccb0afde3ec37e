package kisgateway.app.broker;

import java.util.List;
import java.util.Map;
import kisgateway.fill.FillBook;
import kisgateway.fill.FillMessage;
import kisgateway.order.OrderEventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox rows (fills, order events) to Artemis in transacted batches and marks them sent. Fills
 * are published by the thread that stored them, straight after its commit (no hand-over to another thread, no
 * wait behind a round already running), order events after a coalescing wake-up; a timer sweeps what a failure
 * left. One run at a time per outbox. A crash between the broker's commit and the update sends the batch again,
 * and the broker drops what it already has by duplicate id ({@link TransactedPublisher}): at-least-once at the
 * wire, exactly-once on the queue.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final TransactedPublisher fillPublisher;
    private final TransactedPublisher eventPublisher;
    private final FillBook fills;
    private final OrderEventOutbox orderEvents;
    private final int batchSize;
    private final long parkedGraceMs;
    private final Object fillLock = new Object();
    private final Object eventLock = new Object();

    public OutboxRelay(jakarta.jms.ConnectionFactory connections, FillBook fills, OrderEventOutbox orderEvents,
                       int batchSize, long parkedGraceMs) {
        // one session per outbox: the fill relay never waits behind the order-event relay
        this.fillPublisher = new TransactedPublisher(connections);
        this.eventPublisher = new TransactedPublisher(connections);
        this.fills = fills;
        this.orderEvents = orderEvents;
        this.batchSize = batchSize;
        this.parkedGraceMs = parkedGraceMs;
    }

    /** @return fills published */
    public int publishFills() throws Exception {
        synchronized (fillLock) {
            int total = 0;
            List<FillMessage> batch;
            do {
                batch = fills.unpublished(batchSize, parkedGraceMs);
                fillPublisher.send("kis.fills", false, batch.stream().map(f -> new TransactedPublisher.Outgoing(f.fillId(),
                        f.json(), Map.of("account", f.account(), "symbol", f.symbol(), "side", f.side(),
                                "orderId", f.orderId() == null ? "" : f.orderId().toString()))).toList());
                fills.markPublished(batch.stream().map(FillMessage::fillId).toList());
                total += batch.size();
            } while (batch.size() == batchSize);
            if (total > 0) {
                LOG.debug("fills published count={}", total);
            }
            return total;
        }
    }

    /**
     * The ingest's own publish, right after its fills were committed. A failure (broker down) does not fail the
     * ingest, whose notices are safely stored: the fills stay unpublished and the sweep sends them.
     *
     * @return fills published, 0 when publishing failed
     */
    public int publishFillsAfterCommit() {
        try {
            return publishFills();
        } catch (Exception e) {
            LOG.warn("fills stored but not yet on kis.fills, the publish sweep retries: {}", e.toString());
            return 0;
        }
    }

    /** @return order events published */
    public int publishOrderEvents() throws Exception {
        synchronized (eventLock) {
            int total = 0;
            List<OrderEventOutbox.OrderEventMessage> batch;
            do {
                batch = orderEvents.pending(batchSize);
                eventPublisher.send("kis.order.events", true, batch.stream().map(e -> new TransactedPublisher.Outgoing(
                        e.duplicateId(), e.json(), Map.of("orderId", e.orderId(), "account", e.account(),
                        "symbol", e.symbol(), "side", e.side(), "state", e.state()))).toList());
                orderEvents.markPublished(batch.stream().map(OrderEventOutbox.OrderEventMessage::eventId).toList());
                total += batch.size();
            } while (batch.size() == batchSize);
            return total;
        }
    }

    @Override
    public void close() {
        fillPublisher.close();
        eventPublisher.close();
    }
}
