package kisgateway.kis.budget;

/**
 * The last N send times. A send at {@code t} is allowed when the N-th most recent one is at least
 * {@code spacing} (one second plus margin) before {@code t}; then any one-second window, wherever it starts,
 * holds at most N sends. KIS does not say where its window starts, so only a strictly sliding rule is safe.
 * Not thread-safe: {@link AppKeyRateBudget} holds it under its lock.
 */
final class SlidingWindowLedger {

    private final long[] sends;
    private final long spacingNanos;
    /** Index of the oldest entry once full; the next slot to overwrite. */
    private int next;
    private int count;

    /** @param permits N; a reserve asked of {@link #isFree(long, int)} must be below it */
    SlidingWindowLedger(int permits, long spacingNanos) {
        this.sends = new long[permits];
        this.spacingNanos = spacingNanos;
    }

    boolean isFree(long now) {
        return isFree(now, 0);
    }

    /**
     * Whether one more send is allowed now while {@code reserve} sends of the window stay free for others: the
     * {@code reserve}-th oldest of the last N sends (0 = the oldest) is a spacing ago, so the window holds at most
     * N - 1 - reserve sends before this one.
     */
    boolean isFree(long now, int reserve) {
        if (count < sends.length - reserve) {
            return true;
        }
        return now - sends[(next + reserve) % sends.length] >= spacingNanos;
    }

    /** The earliest time from {@code now} on at which one more send is allowed. */
    long earliestFree(long now) {
        return earliestFree(now, 0);
    }

    /** As {@link #earliestFree(long)}, keeping {@code reserve} sends of the window free. */
    long earliestFree(long now, int reserve) {
        if (isFree(now, reserve)) {
            return now;
        }
        return sends[(next + reserve) % sends.length] + spacingNanos;
    }

    void record(long now) {
        sends[next] = now;
        next = (next + 1) % sends.length;
        if (count < sends.length) {
            count++;
        }
    }
}
