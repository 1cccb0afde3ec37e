package kisgateway.kis.budget;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * @param permitsPerSecond most sends in any one-second window (KIS: 18 live, 1 paper)
 * @param safetyMargin     added to the one-second window: the KIS window boundary is unknown and a request
 *                         reaches KIS a little after its permit (e.g. 10 ms keeps 18/1.01 s = 17.8/s)
 * @param timeToLive       per priority, how long a call may wait for a slot before it is refused
 * @param orderReserve     sends of every window that only ORDER calls may take: with one kept free, an order
 *                         arriving while queries fill the window finds its slot at once instead of waiting for the
 *                         oldest query to age out; capped at permits - 1 (paper, 1/s: none)
 */
public record RateBudgetSettings(int permitsPerSecond, Duration safetyMargin, Map<CallPriority, Duration> timeToLive,
                                 int orderReserve) {

    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofMillis(10);
    public static final Duration DEFAULT_ORDER_TTL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_BACKFILL_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_QUERY_TTL = Duration.ofSeconds(30);

    public RateBudgetSettings {
        if (permitsPerSecond < 1) {
            throw new IllegalArgumentException("permitsPerSecond must be at least 1");
        }
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        if (safetyMargin.isNegative()) {
            throw new IllegalArgumentException("safetyMargin must not be negative");
        }
        EnumMap<CallPriority, Duration> ttl = new EnumMap<>(CallPriority.class);
        ttl.putAll(timeToLive);
        for (CallPriority priority : CallPriority.values()) {
            Duration value = ttl.get(priority);
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("time-to-live for " + priority + " must be positive");
            }
        }
        timeToLive = Collections.unmodifiableMap(ttl);
        if (orderReserve < 0) {
            throw new IllegalArgumentException("orderReserve must not be negative");
        }
    }

    /** Defaults: 10 ms margin; time-to-live 2 s for orders, 30 s for backfill and queries; no order reserve. */
    public static RateBudgetSettings of(int permitsPerSecond) {
        return new RateBudgetSettings(permitsPerSecond, DEFAULT_SAFETY_MARGIN, Map.of(
                CallPriority.ORDER, DEFAULT_ORDER_TTL,
                CallPriority.BACKFILL, DEFAULT_BACKFILL_TTL,
                CallPriority.QUERY, DEFAULT_QUERY_TTL), 0);
    }

    public RateBudgetSettings withOrderReserve(int reserve) {
        return new RateBudgetSettings(permitsPerSecond, safetyMargin, timeToLive, reserve);
    }

    /** The reserve as applied: never the whole window. */
    public int effectiveOrderReserve() {
        return Math.min(orderReserve, permitsPerSecond - 1);
    }

    public RateBudgetSettings withSafetyMargin(Duration margin) {
        return new RateBudgetSettings(permitsPerSecond, margin, timeToLive, orderReserve);
    }

    public RateBudgetSettings withTimeToLive(CallPriority priority, Duration ttl) {
        EnumMap<CallPriority, Duration> copy = new EnumMap<>(timeToLive);
        copy.put(priority, ttl);
        return new RateBudgetSettings(permitsPerSecond, safetyMargin, copy, orderReserve);
    }

    public Duration timeToLive(CallPriority priority) {
        return timeToLive.get(priority);
    }

    /** One second plus the margin: two sends N permits apart are at least this far apart. */
    public long spacingNanos() {
        return Duration.ofSeconds(1).plus(safetyMargin).toNanos();
    }
}
