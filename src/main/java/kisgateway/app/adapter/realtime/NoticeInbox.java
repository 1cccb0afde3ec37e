package kisgateway.app.adapter.realtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.MalformedNotice;

/**
 * What the sessions of one consumer reported, in arrival order, for its one dispatch thread; bounded.
 *
 * <p>Notices and unreadable frames count against the capacity (in notices). One that finds it full is dropped at
 * once, never waited for: the session's delivery thread must keep taking frames, or its own queue would grow in
 * its place. A dropped notice is not lost: KIS has it, and the drop becomes one {@value #NOTICES_DROPPED} event
 * per account and run of drops, which asks for a backfill of the account (the route), recorded in the fills the
 * same way as any notice the stream missed. The events (connected, stale...) are few by nature (the reconnect
 * breaker bounds them) and always queue: a backfill asked for by one is never dropped.
 */
final class NoticeInbox {

    /** The event that stands for notice frames dropped here or by the session. */
    static final String NOTICES_DROPPED = "NOTICES_DROPPED";

    /** One thing a session reported. */
    record Item(String account, ExecutionNotice notice, String raw, MalformedNotice malformed, String event,
                String detail) {
        static final Item STOP = new Item(null, null, null, null, null, null);

        boolean counted() {
            return notice != null || malformed != null;
        }
    }

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private final AtomicInteger notices = new AtomicInteger();
    private final Map<String, AtomicLong> unreported = new ConcurrentHashMap<>();
    private final Set<String> reportQueued = ConcurrentHashMap.newKeySet();
    private final ObjLongConsumer<String> dropped;

    /**
     * @param capacity notices (and unreadable frames) held at most
     * @param dropped  told of every drop here: the account and the frames
     */
    NoticeInbox(int capacity, ObjLongConsumer<String> dropped) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the notice inbox holds at least one notice: " + capacity);
        }
        this.capacity = capacity;
        this.dropped = dropped;
    }

    /** The notices of one frame, all of them or, when they do not fit, none. */
    boolean offerNotices(String account, List<ExecutionNotice> frame, String raw) {
        if (!reserve(frame.size())) {
            dropFrames(account, 1);
            return false;
        }
        for (ExecutionNotice notice : frame) {
            queue.add(new Item(account, notice, raw, null, null, null));
        }
        return true;
    }

    /** An unreadable frame (it may have been a notice: dropped like one when full). */
    boolean offerMalformed(String account, MalformedNotice malformed) {
        if (!reserve(1)) {
            dropFrames(account, 1);
            return false;
        }
        queue.add(new Item(account, null, null, malformed, null, null));
        return true;
    }

    void event(String account, String type, String detail) {
        queue.add(new Item(account, null, null, null, type, detail));
    }

    /** Frames the session dropped before they reached this inbox: reported like the ones dropped here. */
    void droppedUpstream(String account, long frames) {
        note(account, frames);
    }

    /** The next item, waiting for one. */
    Item take() throws InterruptedException {
        Item item;
        do {
            item = taken(queue.take());
        } while (item == null);
        return item;
    }

    /** The next item, or null when none is waiting. */
    Item poll() {
        Item item;
        do {
            Item next = queue.poll();
            if (next == null) {
                return null;
            }
            item = taken(next);
        } while (item == null);
        return item;
    }

    void stop() {
        queue.add(Item.STOP);
    }

    /** Notices (and unreadable frames) waiting. */
    int queuedNotices() {
        return notices.get();
    }

    int capacity() {
        return capacity;
    }

    private boolean reserve(int count) {
        while (true) {
            int held = notices.get();
            if (held + count > capacity && held > 0) {
                return false;
            }
            // an empty inbox takes a frame of any size: a frame larger than the capacity is never dropped for itself
            if (notices.compareAndSet(held, held + count)) {
                return true;
            }
        }
    }

    private void dropFrames(String account, long frames) {
        dropped.accept(account, frames);
        note(account, frames);
    }

    private void note(String account, long frames) {
        unreported.computeIfAbsent(account, a -> new AtomicLong()).addAndGet(frames);
        if (reportQueued.add(account)) {
            queue.add(new Item(account, null, null, null, NOTICES_DROPPED, null));
        }
    }

    /** The item as the dispatcher sees it; null for a drop report that found nothing left to report. */
    private Item taken(Item item) {
        if (item.counted()) {
            notices.decrementAndGet();
            return item;
        }
        if (NOTICES_DROPPED.equals(item.event()) && item.detail() == null) {
            // cleared before the count is taken: a drop from now on queues a report of its own
            reportQueued.remove(item.account());
            long frames = unreported.get(item.account()).getAndSet(0);
            if (frames == 0) {
                return null;
            }
            return new Item(item.account(), null, null, null, NOTICES_DROPPED, frames
                    + " notice frames dropped: the gateway was behind by its inbox (" + capacity + " notices) or by"
                    + " the session's delivery capacity; KIS has them, the backfill records them");
        }
        return item;
    }
}
