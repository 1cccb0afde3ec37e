package kisgateway.ops.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the stream's incidents are kept for every instance to read. Opening and closing are idempotent: an
 * incident of an account and kind is open at most once, whoever asks.
 */
public interface StreamIncidentStore {

    /** @return true when this call opened it, false when one of that kind was already open */
    boolean open(String account, String appKey, StreamIncidentKind kind, Instant at, String detail);

    /** @return when the incident this call ended had started; empty when none was open */
    Optional<Instant> close(String account, StreamIncidentKind kind, Instant at);

    /** Adds fills a backfill recovered to the open incident of that kind (none open: nothing). */
    void addRecovered(String account, StreamIncidentKind kind, int fills);

    Set<StreamIncidentKind> openKinds(String account);

    /** Incidents that started in [from, to) or were still open at {@code from}, by start. */
    List<StreamIncident> overlapping(Instant from, Instant to);
}
