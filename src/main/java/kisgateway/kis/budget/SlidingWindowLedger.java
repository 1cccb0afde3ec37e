package kisgateway.kis.budget;

/**
 * The N latest sends, each at the latest moment it can have reached KIS. A send at {@code t} is allowed when the
 * N-th latest is at least {@code spacing} (one second plus margin) before {@code t}; then any one-second window at
 * KIS, wherever it starts, holds at most N sends. KIS does not say where its window starts, so only a strictly
 * sliding rule is safe.
 *
 * <p>A send is booked at its grant and moved to its answer when that comes ({@link #arrivedBy}): KIS counts a call
 * when it arrives, which is somewhere between the two. On a loaded host the time from a grant to the request on the
 * wire reached a quarter of a second (three gateways on two cores), and a window counted from the grants let KIS
 * see 24 calls in one second. Because an entry can move later than newer ones, a new send replaces the earliest
 * entry, not the oldest one booked: every send no longer held is at or before every one held.
 *
 * <p>Not thread-safe: {@link AppKeyRateBudget} holds it under its lock. Times are ticker readings, compared by
 * difference (they may wrap).
 */
final class SlidingWindowLedger {

    private final long[] sends;
    private final int[] generations;
    private final long spacingNanos;
    private int used;

    /** @param permits N; a reserve asked of {@link #isFree(long, int)} must be below it */
    SlidingWindowLedger(int permits, long spacingNanos) {
        this.sends = new long[permits];
        this.generations = new int[permits];
        this.spacingNanos = spacingNanos;
    }

    boolean isFree(long now) {
        return isFree(now, 0);
    }

    /**
     * Whether one more send is allowed now while {@code reserve} sends of the window stay free for others: the
     * {@code reserve}-th earliest of the N latest sends (0 = the earliest) is a spacing ago, so the window holds at
     * most N - 1 - reserve sends before this one.
     */
    boolean isFree(long now, int reserve) {
        if (used < sends.length - reserve) {
            return true;
        }
        return now - nthEarliest(reserve, now) >= spacingNanos;
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
        return nthEarliest(reserve, now) + spacingNanos;
    }

    /**
     * Books a send at {@code now}.
     *
     * @return its place, for {@link #arrivedBy}
     */
    long record(long now) {
        int slot;
        if (used < sends.length) {
            slot = used++;
        } else {
            slot = earliestSlot(now);
        }
        sends[slot] = now;
        generations[slot]++;
        return ((long) generations[slot] << 32) | slot;
    }

    /** The send booked at {@code place} had reached KIS by {@code at} (its answer came): it counts from then. */
    void arrivedBy(long place, long at) {
        int slot = (int) place;
        if (slot < 0 || slot >= used || generations[slot] != (int) (place >>> 32)) {
            // its place was taken since: it aged out of the window before its answer, and counts no more
            return;
        }
        if (at - sends[slot] > 0) {
            sends[slot] = at;
        }
    }

    private int earliestSlot(long now) {
        int earliest = 0;
        for (int i = 1; i < used; i++) {
            if (sends[i] - now < sends[earliest] - now) {
                earliest = i;
            }
        }
        return earliest;
    }

    /** The n-th earliest of the N latest sends (0 = the earliest), places not used yet counting as long ago. */
    private long nthEarliest(int n, long now) {
        long[] offsets = new long[used];
        for (int i = 0; i < used; i++) {
            offsets[i] = sends[i] - now;
        }
        java.util.Arrays.sort(offsets);
        return now + offsets[n - (sends.length - used)];
    }
}
