package kisgateway.fill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Accounts whose fills must be checked against KIS inquire-daily-ccld: after every (re)connect, on a stale
 * stream, and when a notice was held back as a suspected duplicate. Requests for one account collapse into one
 * backfill, run a short delay after the first request (KIS's inquiry needs a moment to show a fresh fill).
 * What each backfill found is told to whoever listens (the stream's watch: a clean check confirms the stream,
 * recovered fills are a gap in it).
 */
public final class BackfillQueue {

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Checked>> listeners = new CopyOnWriteArrayList<>();
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

    /** Hears what every backfill that ran found. */
    public void whenChecked(Consumer<Checked> listener) {
        listeners.add(listener);
    }

    /** A backfill ran: {@code recovered} fills were recorded that the stream had not delivered. */
    public void checked(Checked result) {
        listeners.forEach(l -> l.accept(result));
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    private record Pending(Instant dueAt, String reason) {
    }

    /** A backfill to run now, and why. */
    public record Due(String account, String reason) {
    }

    /**
     * A backfill that ran, why, and the fills it recorded (0: the stream had missed nothing).
     *
     * @param readAt when it began reading KIS: a clean answer speaks for the stream up to then, not after
     */
    public record Checked(String account, String reason, int recovered, Instant readAt) {
    }
}
