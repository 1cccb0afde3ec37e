package kisgateway.order.masscancel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the KIS leader looks for resting orders that a kill switch in force must cancel: at once after a move it
 * learns of (its own, or another instance's by the database's notice), at once after it becomes leader (a move made
 * while no leader ran), and every sweep interval besides: an order whose send was in flight at the move rests only
 * once KIS acknowledges it, and a cancel KIS refused or reconciliation proved lost leaves the order working again.
 * Thread-safe; due is asked by one poller.
 */
public final class KillSwitchSweeps {

    private final Duration interval;
    private final Clock clock;
    // due at first: a new leader, or one that just started, looks before anything else
    private final AtomicBoolean moved = new AtomicBoolean(true);
    private volatile Instant last;

    public KillSwitchSweeps(Duration interval, Clock clock) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sweep interval must be positive: " + interval);
        }
        this.interval = interval;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A switch moved, or this instance became leader: look now. */
    public void moved() {
        moved.set(true);
    }

    /** Whether to look now; a yes counts as the look. */
    public boolean due() {
        Instant now = clock.instant();
        if (moved.getAndSet(false) || last == null || !now.isBefore(last.plus(interval))) {
            last = now;
            return true;
        }
        return false;
    }
}
