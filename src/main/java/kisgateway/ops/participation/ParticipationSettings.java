package kisgateway.ops.participation;

import java.time.Duration;

/**
 * @param bucket          the time bucket volumes are compared over
 * @param maxShare        the gateway's share of the market's volume in a bucket above which a review is asked (0..1)
 * @param minMarketVolume a bucket with less market volume than this is not judged (one lot in a quiet minute is
 *                        not a market-moving share)
 */
public record ParticipationSettings(Duration bucket, double maxShare, long minMarketVolume) {

    public ParticipationSettings {
        if (bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("bucket must be positive: " + bucket);
        }
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("maxShare must be in (0, 1]: " + maxShare);
        }
        if (minMarketVolume < 1) {
            throw new IllegalArgumentException("minMarketVolume must be at least 1: " + minMarketVolume);
        }
    }
}
