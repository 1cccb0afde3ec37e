package kisgateway.kis.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * @param initialBackoff         first reconnect delay (doubling per failure)
 * @param maxBackoff             cap of the reconnect delay
 * @param jitter                 ± fraction applied to every delay (0.2 = ±20 %), so that instances do not align
 * @param maxFailuresPerMinute   the breaker: this many failed connects/drops within a minute stop the session
 *                               (KIS blocks IP and app key for connect-then-close loops, notice 2026-02-24)
 * @param staleAfter             connected but silent this long (KIS sends PINGPONG roughly every 110 s) is stale
 * @param staleCheckInterval     how often silence is checked
 * @param connectTimeout         TCP + handshake
 * @param reconnectWhenStale     close a stale socket and reconnect (a half-open TCP connection never recovers)
 * @param deliveryCapacity       data frames (notices, trades) held for a listener that is behind; past it frames are
 *                               dropped and the dropped notice frames reported (the listener backfills them), so a
 *                               listener that stopped taking (its database stalled) never costs unbounded memory
 */
public record RealtimeSessionSettings(Duration initialBackoff, Duration maxBackoff, double jitter,
                                      int maxFailuresPerMinute, Duration staleAfter, Duration staleCheckInterval,
                                      Duration connectTimeout, boolean reconnectWhenStale, int deliveryCapacity) {

    /** Frames held for a listener that is behind, unless set: minutes of a busy account's notices. */
    public static final int DEFAULT_DELIVERY_CAPACITY = 10_000;

    public RealtimeSessionSettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(staleCheckInterval, "staleCheckInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and max >= initial");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        if (maxFailuresPerMinute < 1) {
            throw new IllegalArgumentException("maxFailuresPerMinute must be at least 1");
        }
        if (deliveryCapacity < 1) {
            throw new IllegalArgumentException("deliveryCapacity must be at least 1");
        }
    }

    public RealtimeSessionSettings(Duration initialBackoff, Duration maxBackoff, double jitter, int maxFailuresPerMinute,
                                   Duration staleAfter, Duration staleCheckInterval, Duration connectTimeout,
                                   boolean reconnectWhenStale) {
        this(initialBackoff, maxBackoff, jitter, maxFailuresPerMinute, staleAfter, staleCheckInterval, connectTimeout,
                reconnectWhenStale, DEFAULT_DELIVERY_CAPACITY);
    }

    public RealtimeSessionSettings withDeliveryCapacity(int frames) {
        return new RealtimeSessionSettings(initialBackoff, maxBackoff, jitter, maxFailuresPerMinute, staleAfter,
                staleCheckInterval, connectTimeout, reconnectWhenStale, frames);
    }

    /** 1 s doubling to 60 s, ±20 %, breaker at 10 failures a minute, stale after 150 s. */
    public static RealtimeSessionSettings defaults() {
        return new RealtimeSessionSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, 10,
                Duration.ofSeconds(150), Duration.ofSeconds(5), Duration.ofSeconds(10), true);
    }

    /** The delay before reconnect attempt {@code failures} (1-based), before jitter. */
    public Duration backoff(int failures) {
        long initial = initialBackoff.toMillis();
        long delay = initial << Math.min(Math.max(failures - 1, 0), 30);
        return Duration.ofMillis(delay <= 0 ? maxBackoff.toMillis() : Math.min(delay, maxBackoff.toMillis()));
    }
}
