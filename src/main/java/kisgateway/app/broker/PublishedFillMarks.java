package kisgateway.app.broker;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks fills published in the outbox table after the broker took them, on a thread of its own. The fills are on
 * kis.fills already, so the mark is not on any fill's way to its consumers; done on the ingest thread it held back
 * the next batch (a non-HOT update of every row: in a flood 31 ms per 500 fills beside 26 ms for the broker's
 * commit, FillPipelineBench 2026-12-03). Marks that arrive while one runs are coalesced into the next update.
 *
 * <p>A mark that never lands (a crash, the database failing) leaves rows that are on the queue but look unsent:
 * the sweep sends them again and the broker drops them by duplicate id, as for a crash between the broker's commit
 * and the mark before. Reads of the table that must not see such rows call {@link #flush()} first. Pending marks
 * are bounded: past {@code maxPending} ids the caller marks them itself.
 */
final class PublishedFillMarks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedFillMarks.class);

    private final BiConsumer<List<String>, List<Instant>> mark;
    private final Clock clock;
    private final int maxPending;
    private final ExecutorService marker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kis-fill-outbox-marker");
        t.setDaemon(true);
        return t;
    });
    private final Object pendingLock = new Object();
    /** Held while an update runs, so {@link #flush()} waits for the one in flight. */
    private final Object updateLock = new Object();
    private List<String> pending = new ArrayList<>();
    private List<Instant> pendingAt = new ArrayList<>();
    private boolean scheduled;

    /** @param mark marks fills published, each as on the queue since the time given with it */
    PublishedFillMarks(BiConsumer<List<String>, List<Instant>> mark, Clock clock, int maxPending) {
        this.mark = mark;
        this.clock = clock;
        this.maxPending = maxPending;
    }

    /** The broker committed these fills just now: mark them soon, with this time. */
    void later(List<String> fillIds) {
        if (fillIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        boolean tooMany;
        synchronized (pendingLock) {
            pending.addAll(fillIds);
            for (int i = 0; i < fillIds.size(); i++) {
                pendingAt.add(now);
            }
            tooMany = pending.size() > maxPending;
            if (!tooMany && !scheduled) {
                scheduled = true;
                marker.execute(this::markPending);
            }
        }
        if (tooMany) {
            flush();
        }
    }

    /** Every mark handed over so far has landed (or failed and was logged) when this returns. */
    void flush() {
        markPending();
    }

    private void markPending() {
        synchronized (updateLock) {
            List<String> ids;
            List<Instant> at;
            synchronized (pendingLock) {
                ids = pending;
                at = pendingAt;
                pending = new ArrayList<>();
                pendingAt = new ArrayList<>();
                scheduled = false;
            }
            if (ids.isEmpty()) {
                return;
            }
            try {
                mark.accept(ids, at);
            } catch (RuntimeException e) {
                LOG.warn("{} fills on kis.fills not marked published; the sweep sends them again and the broker drops "
                        + "them by duplicate id: {}", ids.size(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        flush();
        marker.shutdown();
        try {
            marker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
