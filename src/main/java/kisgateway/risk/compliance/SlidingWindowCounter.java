package kisgateway.risk.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts events per key within a sliding time window, in bounded memory: each key keeps at most {@code capacity}
 * timestamps (a guard only needs to know whether its limit is reached, so older ones add nothing), and at most
 * {@code maxKeys} keys are kept, the least recently used forgotten first. An event at {@code t} counts while
 * {@code now - t < window}.
 */
public final class SlidingWindowCounter<K> {

    private final int capacity;
    private final Duration window;
    private final int maxKeys;
    private final Map<K, ArrayDeque<Instant>> events;

    public SlidingWindowCounter(int capacity, Duration window, int maxKeys) {
        if (capacity <= 0 || maxKeys <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("capacity, maxKeys and window must be positive");
        }
        this.capacity = capacity;
        this.window = window;
        this.maxKeys = maxKeys;
        this.events = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, ArrayDeque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public synchronized void record(K key, Instant at) {
        ArrayDeque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>(Math.min(capacity, 16)));
        times.addLast(at);
        while (times.size() > capacity) {
            times.removeFirst();
        }
    }

    /** Events of the key within the window ending at {@code now} (at most {@code capacity}). */
    public synchronized int count(K key, Instant now) {
        ArrayDeque<Instant> times = events.get(key);
        if (times == null) {
            return 0;
        }
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            events.remove(key);
            return 0;
        }
        return times.size();
    }

    /** A counter of the same capacity, window and key bound, with nothing in it. */
    public SlidingWindowCounter<K> emptyCopy() {
        return new SlidingWindowCounter<>(capacity, window, maxKeys);
    }

    /**
     * Takes the events of {@code rebuilt} in place of its own, at once: a count never sees a mix of the two, and
     * an event recorded after this adds to what was taken. {@code rebuilt} must not be used afterwards.
     */
    public void replaceWith(SlidingWindowCounter<K> rebuilt) {
        Map<K, ArrayDeque<Instant>> taken;
        synchronized (rebuilt) {
            taken = new LinkedHashMap<>(rebuilt.events);
        }
        synchronized (this) {
            events.clear();
            events.putAll(taken);
        }
    }

    public synchronized int trackedKeys() {
        return events.size();
    }

    public Duration window() {
        return window;
    }
}
