package kisgateway.sim.stats;

import java.util.Arrays;

/**
 * The one-second window that held the most calls, as KIS's limit counts them: a sliding window, so 18 calls at the
 * end of one second and 18 at the start of the next are 36 in one window although each whole second saw 18.
 * Two calls exactly one second apart are in different windows, as the limiter admits the second of them.
 *
 * @param calls      how many calls the window held (0 when there were none)
 * @param startNanos {@link System#nanoTime()} of its first call (0 when there were none)
 */
public record BusiestSecond(int calls, long startNanos) {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    /** @param nanos the calls' times ({@link System#nanoTime()}), in any order */
    public static BusiestSecond of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int best = 0;
        long start = 0;
        int first = 0;
        for (int last = 0; last < sorted.length; last++) {
            while (sorted[last] - sorted[first] >= WINDOW_NANOS) {
                first++;
            }
            if (last - first + 1 > best) {
                best = last - first + 1;
                start = sorted[first];
            }
        }
        return new BusiestSecond(best, start);
    }
}
