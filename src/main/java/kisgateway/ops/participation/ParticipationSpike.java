package kisgateway.ops.participation;

import java.time.Instant;

/**
 * A bucket in which the gateway's executions were above the configured share of the symbol's market volume.
 *
 * @param strategyId     the strategy behind most of the gateway's volume (ties: the first by id)
 * @param account        the account most of that strategy's volume was on
 * @param gatewayVolume  all of the gateway's executed quantity in the bucket
 */
public record ParticipationSpike(String symbol, Instant bucketStart, Instant bucketEnd, long marketVolume,
                                 long gatewayVolume, String strategyId, String account, long strategyVolume) {

    public double share() {
        return marketVolume == 0 ? 0 : (double) gatewayVolume / marketVolume;
    }

    /** Unique per strategy, symbol and bucket: the ticket's name, so a spike is reviewed once. */
    public String ticketKey() {
        return "participation:" + strategyId + ":" + symbol + ":" + bucketStart.toEpochMilli();
    }
}
