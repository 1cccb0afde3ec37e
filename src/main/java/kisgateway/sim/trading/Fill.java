package kisgateway.sim.trading;

import java.time.ZonedDateTime;

/** One execution: a fill of {@code qty} at {@code price} on order {@code odno}. {@code seq} is unique per run. */
public record Fill(long seq, String cano, String odno, String symbol, Side side, long qty, long price,
                   ZonedDateTime executedAt) {

    public long amount() {
        return qty * price;
    }
}
