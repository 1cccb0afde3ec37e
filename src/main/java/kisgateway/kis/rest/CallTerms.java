package kisgateway.kis.rest;

import java.time.Duration;
import java.util.Objects;

import kisgateway.kis.budget.CallPriority;

/**
 * How urgent one call is: its priority in the app key's budget and, optionally, its own time-to-live (otherwise the
 * budget's default for that priority). The time-to-live runs from the moment the call is made and covers waiting
 * for a token as well as for a send slot. An optional {@link SendObserver} learns when the request is handed to
 * the transport and how long it waited for its slot, so a caller can tell its own latency from the throttle's.
 */
public record CallTerms(CallPriority priority, Duration timeToLive, SendObserver sendObserver) {

    public CallTerms {
        Objects.requireNonNull(priority, "priority");
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            throw new IllegalArgumentException("time-to-live must be positive");
        }
        sendObserver = sendObserver == null ? SendObserver.NONE : sendObserver;
    }

    public CallTerms(CallPriority priority, Duration timeToLive) {
        this(priority, timeToLive, SendObserver.NONE);
    }

    public static CallTerms order() {
        return new CallTerms(CallPriority.ORDER, null);
    }

    public static CallTerms backfill() {
        return new CallTerms(CallPriority.BACKFILL, null);
    }

    public static CallTerms query() {
        return new CallTerms(CallPriority.QUERY, null);
    }

    public CallTerms withTimeToLive(Duration ttl) {
        return new CallTerms(priority, ttl, sendObserver);
    }

    public CallTerms observedBy(SendObserver observer) {
        return new CallTerms(priority, timeToLive, observer);
    }
}
