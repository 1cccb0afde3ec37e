package kisgateway.order;

import java.time.Duration;
import java.time.Instant;

/** An order, cancel, replace or parent-order intent from a strategy. */
public sealed interface Intent permits OrderIntent, CancelIntent, ReplaceIntent, ParentIntent {

    /** The request's idempotency key. */
    String clientOrderId();

    String account();

    String strategyId();

    Duration timeToLive();

    Instant receivedAt();

    IntentKind kind();

    /** The intent is stale once its time-to-live has passed since it was received. */
    default Instant staleAt() {
        return receivedAt().plus(timeToLive());
    }
}
