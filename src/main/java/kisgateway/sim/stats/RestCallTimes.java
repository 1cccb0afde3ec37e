package kisgateway.sim.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * When one app key's REST calls reached KIS's rate limit, each admitted or turned away with EGW00201: the latest
 * {@link #CAPACITY} of them. Counters say how many calls there were; only the times say how many any one-second
 * window held, which is what the limit is about (several gateway instances of one key each keeping to 18 a
 * second can offer KIS 36 in one).
 */
public final class RestCallTimes {

    /** About an hour of one key at KIS's 18 calls a second, in 576 KiB. */
    static final int CAPACITY = 1 << 16;

    private final long[] nanos = new long[CAPACITY];
    private final boolean[] admitted = new boolean[CAPACITY];
    private final String[] trIds = new String[CAPACITY];
    private long recorded;

    /** @param trId the call's TR ID, or null (hashkey has none) */
    synchronized void record(long atNanos, boolean wasAdmitted, String trId) {
        int i = (int) (recorded % CAPACITY);
        nanos[i] = atNanos;
        admitted[i] = wasAdmitted;
        trIds[i] = trId;
        recorded++;
    }

    /**
     * What the calls from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive) were, by TR ID ("-" for none):
     * which functions filled a window, orders or inquiries.
     */
    public synchronized Map<String, Integer> byTrId(long fromNanos, long toNanos, boolean admittedOnly) {
        Map<String, Integer> out = new TreeMap<>();
        int held = (int) Math.min(recorded, CAPACITY);
        for (int i = 0; i < held; i++) {
            if (nanos[i] - fromNanos >= 0 && nanos[i] - toNanos < 0 && (!admittedOnly || admitted[i])) {
                out.merge(trIds[i] == null ? "-" : trIds[i], 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * The busiest one-second window since {@code fromNanos}: of every call that reached the limit (what the client
     * offered KIS), or of the admitted ones only.
     *
     * @throws IllegalStateException when calls of that span are no longer held (more than {@link #CAPACITY} since)
     */
    public BusiestSecond busiestSecond(long fromNanos, boolean admittedOnly) {
        return BusiestSecond.of(since(fromNanos, admittedOnly));
    }

    /** The times ({@link System#nanoTime()}) of the calls since {@code fromNanos}, in the order they were recorded. */
    public long[] since(long fromNanos, boolean admittedOnly) {
        return select(fromNanos, admittedOnly ? Boolean.TRUE : null);
    }

    /** The times of the calls turned away with EGW00201 since {@code fromNanos}: when the client overran the limit. */
    public long[] refusedSince(long fromNanos) {
        return select(fromNanos, Boolean.FALSE);
    }

    /** @param admittedOrNot only the admitted calls (true), only the refused (false), or all (null) */
    private synchronized long[] select(long fromNanos, Boolean admittedOrNot) {
        int held = (int) Math.min(recorded, CAPACITY);
        int oldest = recorded > CAPACITY ? (int) (recorded % CAPACITY) : 0;
        if (recorded > CAPACITY && nanos[oldest] - fromNanos > 0) {
            throw new IllegalStateException("only the latest " + CAPACITY + " calls are held, and they start after"
                    + " the time asked for");
        }
        long[] out = new long[held];
        int n = 0;
        for (int k = 0; k < held; k++) {
            int i = (oldest + k) % CAPACITY;
            if (nanos[i] - fromNanos >= 0 && (admittedOrNot == null || admitted[i] == admittedOrNot)) {
                out[n++] = nanos[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
