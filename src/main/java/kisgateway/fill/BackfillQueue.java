package kisgateway.fill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts whose fills must be checked against KIS inquire-daily-ccld: after every (re)connect, on a stale
 * stream, and when a notice was held back as a suspected duplicate. Requests for one account collapse into one
 * backfill, run a short delay after the first request (KIS's inquiry needs a moment to show a fresh fill).
 */
public final class BackfillQueue {

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Duration delay;
    private final Clock clock;

    public BackfillQueue(Duration delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    public void request(String account, String reason) {
        pending.merge(account, new Pending(clock.instant().plus(delay), reason),
                (existing, added) -> existing.dueAt().isBefore(added.dueAt()) ? existing : added);
    }

    /** The accounts whose backfill is due, removed from the queue. */
    public List<Due> takeDue() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        pending.forEach((account, p) -> {
            if (!p.dueAt().isAfter(now) && pending.remove(account, p)) {
                due.add(new Due(account, p.reason()));
            }
        });
        return due;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private record Pending(Instant dueAt, String reason) {
    }

    /** A backfill to run now, and why. */
    public record Due(String account, String reason) {
    }
}
