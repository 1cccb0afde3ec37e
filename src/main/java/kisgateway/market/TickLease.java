package kisgateway.market;

import java.time.Instant;

/**
 * One subscriber's claim on one symbol's ticks, good until {@code expiresAt} unless renewed.
 *
 * @param subscriber the strategy and the subscriber it named, as one key ({@link #subscriberKey})
 */
public record TickLease(String subscriber, String symbol, Instant expiresAt) {

    /** A strategy's subscribers are its own: two strategies may both name a subscriber "main". */
    public static String subscriberKey(String strategy, String subscriber) {
        return strategy + "/" + subscriber;
    }
}
