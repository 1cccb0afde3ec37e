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

    SlidingWindowLedger(int permits, long spacingNanos) {
        this.sends = new long[permits];
        this.spacingNanos = spacingNanos;
    }

    boolean isFree(long now) {
        return count < sends.length || now - sends[next] >= spacingNanos;
    }

    /** The earliest time from {@code now} on at which one more send is allowed. */
    long earliestFree(long now) {
        if (isFree(now)) {
            return now;
        }
        return sends[next] + spacingNanos;
    }

    void record(long now) {
        sends[next] = now;
        next = (next + 1) % sends.length;
        if (count < sends.length) {
            count++;
        }
    }
}
