package kisgateway.sim.trading;

import java.time.ZonedDateTime;

/** The broker's immediate answer: a booked order (ODNO, time) or a reject reason. */
public record OrderOutcome(RejectReason reject, String odno, ZonedDateTime orderedAt) {

    public static OrderOutcome booked(String odno, ZonedDateTime orderedAt) {
        return new OrderOutcome(null, odno, orderedAt);
    }

    public static OrderOutcome rejected(RejectReason reason) {
        return new OrderOutcome(reason, null, null);
    }

    public boolean isBooked() {
        return reject == null;
    }
}
