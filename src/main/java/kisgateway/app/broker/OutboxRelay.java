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
 * are published by the thread that stored them, straight after its commit and from the messages the commit
 * returned (no hand-over to another thread, no wait behind a round already running, no read of what was just
 * written; their rows are marked on a thread of their own, {@link PublishedFillMarks}), order events after a
 * coalescing wake-up; a timer sweeps what a failure left. One run at a time per outbox. A crash between the
 * broker's commit and the mark sends the batch again, and the broker drops what it already has by duplicate id
 * ({@link TransactedPublisher}): at-least-once at the wire, exactly-once on the queue.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int RECENTLY_DRAINED = 10_000;

    private final TransactedPublisher fillPublisher;
    private final TransactedPublisher eventPublisher;
    private final FillBook fills;
    private final OrderEventOutbox orderEvents;
    private final int batchSize;
    private final long parkedGraceMs;
    private final long parkedMaxWaitMs;
    /**
     * The ids the sweep sent lately (bounded, under {@link #fillLock}): an ingest publishes its commit's fills
     * after the sweep may have sent some of them. One sent again past the bound is dropped by the broker.
     */
    private final Map<String, Boolean> drained = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_DRAINED;
        }
    };
    private final PublishedFillMarks marks;
    private final Object fillLock = new Object();
    /** The fill table may hold rows this relay has not sent: from before its start, or a failed publish. */
    private boolean backlog = true;
    private final Object eventLock = new Object();

    public OutboxRelay(jakarta.jms.ConnectionFactory connections, FillBook fills, OrderEventOutbox orderEvents,
                       int batchSize, long parkedGraceMs, long parkedMaxWaitMs) {
        // one session per outbox: the fill relay never waits behind the order-event relay
        this.fillPublisher = new TransactedPublisher(connections);
        this.eventPublisher = new TransactedPublisher(connections);
        this.fills = fills;
        this.orderEvents = orderEvents;
        this.batchSize = batchSize;
        this.parkedGraceMs = parkedGraceMs;
        this.parkedMaxWaitMs = parkedMaxWaitMs;
        this.marks = new PublishedFillMarks(fills::markPublishedAt, fills.clock(), batchSize * 10);
    }

    /**
     * The sweep: every publishable fill row not marked published, in the order received.
     *
     * @return fills published
     */
    public int publishFills() throws Exception {
        synchronized (fillLock) {
            return drain();
        }
    }

    /**
     * Sends the table's unpublished fills, marking each batch before reading the next, and remembers which it
     * sent: a stream fill committed by an ingest that has not published it yet may be among them, and that
     * ingest must not send it again. A complete drain leaves no backlog.
     */
    private int drain() throws Exception {
        int total = 0;
        List<FillMessage> batch;
        // rows already on the queue whose mark is still pending must not be read as unsent
        marks.flush();
        try {
            do {
                batch = fills.unpublished(batchSize, parkedGraceMs, parkedMaxWaitMs);
                send(batch);
                List<String> ids = batch.stream().map(FillMessage::fillId).toList();
                fills.markPublished(ids);
                ids.forEach(id -> drained.put(id, Boolean.TRUE));
                total += batch.size();
            } while (batch.size() == batchSize);
        } catch (Exception | Error e) {
            backlog = true;
            throw e;
        }
        backlog = false;
        if (total > 0) {
            LOG.debug("fills published from the outbox count={}", total);
        }
        return total;
    }

    /**
     * The ingest's own publish, right after its fills were committed: the messages its commit returned, without
     * reading them back, less those a sweep sent in between. While an earlier publish failed (or right after a
     * start, when a crash may have left rows), the table is read instead, so a fill never overtakes one stored
     * before it. A failure (broker down) does not fail the ingest, whose notices are safely stored: the fills
     * stay unpublished and are sent from the table by the sweep or the next ingest.
     *
     * @param committed the fills just committed, in the order recorded; those without an order of this gateway
     *                  wait for the parked grace (the sweep sends them) unless the grace is 0
     * @return fills published, 0 when publishing failed
     */
    public int publishAfterCommit(List<FillMessage> committed) {
        synchronized (fillLock) {
            try {
                // a late notice names the inferred fill it corrects, which the backfill or the reconciliation
                // recorded and the sweep may not have sent yet: the table's order sends that one first
                if (backlog || committed.stream().anyMatch(FillMessage::correction)) {
                    return drain();
                }
                List<FillMessage> now = committed.stream()
                        .filter(f -> parkedGraceMs == 0 || f.orderId() != null)
                        .filter(f -> !drained.containsKey(f.fillId()))
                        .toList();
                send(now);
                marks.later(now.stream().map(FillMessage::fillId).toList());
                return now.size();
            } catch (Exception e) {
                backlog = true;
                LOG.warn("fills stored but not yet on kis.fills, the publish sweep retries: {}", e.toString());
                return 0;
            }
        }
    }

    /** One broker transaction; the caller marks the rows (a mark lost in a crash only sends them again, dropped by id). */
    private void send(List<FillMessage> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        fillPublisher.send("kis.fills", false, batch.stream().map(f -> new TransactedPublisher.Outgoing(f.duplicateId(),
                f.json(), Map.of("account", f.account(), "symbol", f.symbol(), "side", f.side(),
                        "orderId", f.orderId() == null ? "" : f.orderId().toString()))).toList());
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
                        "symbol", e.symbol(), "side", e.side(), "state", e.state(),
                        "shadow", Boolean.toString(e.shadow())))).toList());
                orderEvents.markPublished(batch.stream().map(OrderEventOutbox.OrderEventMessage::eventId).toList());
                total += batch.size();
            } while (batch.size() == batchSize);
            return total;
        }
    }

    @Override
    public void close() {
        marks.close();
        fillPublisher.close();
        eventPublisher.close();
    }
}
