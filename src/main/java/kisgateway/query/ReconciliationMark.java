package kisgateway.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What reconciliation last said about an account: its latest run (which may have failed), the latest run that
 * succeeded, and the breaks still open, by subject (an order id, a symbol, {@code cash}).
 *
 * @param lastRunStartedAt       null when the account was never reconciled
 * @param lastRunOutcome         RUNNING, SUCCEEDED or FAILED; null when never reconciled
 * @param lastSucceededStartedAt when the latest successful run read the books; null when none succeeded
 */
public record ReconciliationMark(Instant lastRunStartedAt, String lastRunOutcome, Instant lastSucceededStartedAt,
                                 Map<String, List<String>> openBreaksBySubject) {

    public ReconciliationMark {
        openBreaksBySubject = Map.copyOf(openBreaksBySubject);
    }

    /** The kinds of the breaks open on this subject (empty when none). */
    public List<String> openBreaks(String subject) {
        return openBreaksBySubject.getOrDefault(subject, List.of());
    }

    /**
     * Whether the last reconciliation confirmed an item: a successful run read the books at or after the item last
     * changed (so it saw the item as it is now) and left no break open on it. An item changed since is not
     * confirmed, however small the change: the run did not see it.
     */
    public boolean confirms(String subject, Instant itemAsOf) {
        return lastSucceededStartedAt != null && itemAsOf != null && !lastSucceededStartedAt.isBefore(itemAsOf)
                && openBreaks(subject).isEmpty();
    }
}
