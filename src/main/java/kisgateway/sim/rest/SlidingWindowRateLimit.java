package kisgateway.sim.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} admissions per key in any one-second window (a sliding log, not fixed buckets): a call is
 * admitted only if the {@code limit}-th most recent admission of its key is at least one second old. The time of
 * admission is returned, so callers can stamp what they book with the very instant the limit counted.
 */
final class SlidingWindowRateLimit {
    static final long NOT_ADMITTED = Long.MIN_VALUE;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private static final class Log {
        final long[] ring;
        int head;
        int size;

        Log(int limit) {
            ring = new long[limit];
        }
    }

    private final int limit;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    /** @param limit admissions per second per key; 0 or less means unlimited */
    SlidingWindowRateLimit(int limit) {
        this.limit = limit;
    }

    /** The admission time ({@link System#nanoTime()}), or {@link #NOT_ADMITTED}. */
    long tryAcquire(String key) {
        if (limit <= 0) {
            return System.nanoTime();
        }
        Log log = logs.computeIfAbsent(key, k -> new Log(limit));
        synchronized (log) {
            long now = System.nanoTime();
            if (log.size < limit) {
                log.ring[(log.head + log.size) % limit] = now;
                log.size++;
                return now;
            }
            if (now - log.ring[log.head] >= WINDOW_NANOS) {
                log.ring[log.head] = now;
                log.head = (log.head + 1) % limit;
                return now;
            }
            return NOT_ADMITTED;
        }
    }
}
