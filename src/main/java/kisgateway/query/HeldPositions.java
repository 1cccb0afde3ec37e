package kisgateway.query;

import java.time.Instant;
import java.util.List;

/** An account's non-zero positions, by symbol, read with its reconciliation mark at {@code readAt}. */
public record HeldPositions(List<HeldPosition> positions, Instant readAt, ReconciliationMark reconciliation) {

    public HeldPositions {
        positions = List.copyOf(positions);
    }
}
