package kisgateway.reconcile.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Order latency (intake to ACK) in fixed, roughly logarithmic buckets, and nearest-rank percentiles. The same
 * buckets feed latency.csv and the HTML chart.
 */
public final class LatencyHistogram {

    /** Lower bounds in ms; each bucket ends where the next starts, the last is open-ended. */
    static final long[] BOUNDS = {0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000};

    /** @param toMs exclusive upper bound, or -1 for the open-ended last bucket */
    public record Bucket(long fromMs, long toMs, long count) {
        public String label() {
            return toMs < 0 ? ">=" + fromMs : fromMs + "-" + toMs;
        }
    }

    private LatencyHistogram() {
    }

    public static List<Bucket> buckets(List<Long> samplesMs) {
        long[] counts = new long[BOUNDS.length];
        for (long s : samplesMs) {
            int i = BOUNDS.length - 1;
            while (i > 0 && s < BOUNDS[i]) {
                i--;
            }
            counts[i]++;
        }
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < BOUNDS.length; i++) {
            out.add(new Bucket(BOUNDS[i], i + 1 < BOUNDS.length ? BOUNDS[i + 1] : -1, counts[i]));
        }
        return out;
    }

    /** Nearest-rank percentile, or -1 without samples. */
    public static long percentile(List<Long> samplesMs, double p) {
        if (samplesMs.isEmpty()) {
            return -1;
        }
        List<Long> sorted = samplesMs.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
