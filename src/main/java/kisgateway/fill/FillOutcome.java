package kisgateway.fill;

/** What recording a fill did. */
public sealed interface FillOutcome {

    /**
     * Stored (and applied to its order when the order is known).
     *
     * @param message the fill as kis.fills carries it, as it was committed: the ingest publishes it from memory
     *                after the commit, the outbox sweep rebuilds the same message from the row
     */
    record Recorded(String fillId, boolean parked, long cumulativeQuantity, FillMessage message) implements FillOutcome {
    }

    /** The same fill was stored before (a duplicate frame, a replay, a second backfill): nothing changed. */
    record AlreadyKnown(String fillId) implements FillOutcome {
    }

    /**
     * A notice that looks like one already stored (same order, time, price and quantity), or that would fill
     * the order beyond its quantity: held back, and the order is backfilled from KIS to settle whether it was
     * a second genuine fill.
     */
    record Suspect(String account, String kisOrderNo, String reason) implements FillOutcome {
    }
}
