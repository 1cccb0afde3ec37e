package kisgateway.risk.session;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One session of a venue on a trading day, in Asia/Seoul wall-clock time, with the ORD_DVSN codes it accepts.
 * The window is half-open: it contains {@code start} and ends just before {@code end}, so 15:30:00 is no longer
 * in a session that ends at 15:30.
 *
 * @param name       the configured name, e.g. "continuous"; reported in denials and by {@code sessionAt}
 * @param orderTypes ORD_DVSN codes accepted in this window
 * @param lateOpen   what a late-opening day does to this window
 */
public record TradingSessionWindow(String name, LocalTime start, LocalTime end, Set<String> orderTypes,
                                   LateOpenPolicy lateOpen) {

    public TradingSessionWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(lateOpen, "lateOpen");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("session window " + name + ": start " + start + " is not before end " + end);
        }
        orderTypes = Set.copyOf(orderTypes);
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    public boolean accepts(String orderType) {
        return orderTypes.contains(orderType);
    }

    /** This window on a late-opening day with the given delay; empty when it is not held. */
    public Optional<TradingSessionWindow> onLateOpenDay(Duration delay) {
        return switch (lateOpen) {
            case UNCHANGED -> Optional.of(this);
            case CLOSED -> Optional.empty();
            case SHIFT -> Optional.of(new TradingSessionWindow(name, start.plus(delay), end.plus(delay), orderTypes, lateOpen));
            case DELAY_START -> start.plus(delay).isBefore(end)
                    ? Optional.of(new TradingSessionWindow(name, start.plus(delay), end, orderTypes, lateOpen))
                    : Optional.empty();
        };
    }
}
