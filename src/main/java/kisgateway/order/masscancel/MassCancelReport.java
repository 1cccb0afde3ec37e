package kisgateway.order.masscancel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A mass cancel as recorded: the request, when it ran, and what it did with each order it looked at.
 *
 * @param finishedAt null while a run is under way (or one died mid-way; asked again, it resumes)
 * @param runs       how many runs worked on it (a kill switch's sweeps, a resumed request)
 */
public record MassCancelReport(MassCancelRequest request, Instant startedAt, Instant finishedAt, int runs,
                               List<Line> orders) {

    /**
     * One order: what the run did with it, and its state then.
     *
     * @param orderState the order's state when the outcome was recorded
     */
    public record Line(UUID orderId, String clientOrderId, String strategyId, String account, String symbol,
                       String side, long remainingQuantity, MassCancelOutcome outcome, String orderState,
                       String detail) {
    }

    public long count(MassCancelOutcome outcome) {
        return orders.stream().filter(l -> l.outcome() == outcome).count();
    }
}
