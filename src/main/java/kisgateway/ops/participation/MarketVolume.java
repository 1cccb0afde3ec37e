package kisgateway.ops.participation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The market's volume per symbol and bucket from the trade stream's cumulative volume (ACML_VOL): a bucket's volume
 * is its last cumulative figure less the last one before it (or, for the first bucket the stream saw, the first
 * print's cumulative less its own quantity). A figure that goes backwards (a new day, a replayed print) starts over.
 */
public final class MarketVolume {

    private final long bucketMillis;
    private final int bucketsKept;
    private final Map<String, Series> bySymbol = new HashMap<>();

    public MarketVolume(java.time.Duration bucket, int bucketsKept) {
        this.bucketMillis = bucket.toMillis();
        this.bucketsKept = bucketsKept;
    }

    private static final class Series {
        long lastCumulative = -1;
        final TreeMap<Long, long[]> buckets = new TreeMap<>();
    }

    public Instant bucketOf(Instant at) {
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), bucketMillis) * bucketMillis);
    }

    public java.time.Duration bucketLength() {
        return java.time.Duration.ofMillis(bucketMillis);
    }

    /** One print: its time, the symbol's cumulative volume after it and its own quantity (-1: unknown). */
    public synchronized void observe(String symbol, Instant at, long cumulative, long quantity) {
        if (cumulative < 0) {
            return;
        }
        Series s = bySymbol.computeIfAbsent(symbol, k -> new Series());
        long bucket = bucketOf(at).toEpochMilli();
        if (s.lastCumulative > cumulative) {
            // a new trading day's count: what came before is another day's
            s.buckets.clear();
            s.lastCumulative = -1;
        }
        long[] b = s.buckets.get(bucket);
        if (b == null) {
            long baseline = s.lastCumulative >= 0 ? s.lastCumulative : Math.max(0, cumulative - Math.max(0, quantity));
            b = new long[] {baseline, cumulative};
            s.buckets.put(bucket, b);
            while (s.buckets.size() > bucketsKept) {
                s.buckets.pollFirstEntry();
            }
        }
        b[1] = Math.max(b[1], cumulative);
        s.lastCumulative = Math.max(s.lastCumulative, cumulative);
    }

    /** The market's volume of the symbol in the bucket starting then, if the stream saw it. */
    public synchronized Optional<Long> volume(String symbol, Instant bucketStart) {
        Series s = bySymbol.get(symbol);
        long[] b = s == null ? null : s.buckets.get(bucketStart.toEpochMilli());
        return b == null ? Optional.empty() : Optional.of(b[1] - b[0]);
    }

    /** Symbols with a volume in the bucket starting then. */
    public synchronized java.util.Set<String> symbolsIn(Instant bucketStart) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        bySymbol.forEach((symbol, s) -> {
            if (s.buckets.containsKey(bucketStart.toEpochMilli())) {
                out.add(symbol);
            }
        });
        return out;
    }
}
