package kisgateway.app.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import kisgateway.app.reconcile.ReconciliationService.RunRecord;
import kisgateway.reconcile.ReconciliationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose turn it is to reconcile each account, and how each account's last turn ended: one run of an account at a
 * time in this JVM (a lock per account) and across the instances sharing the database (the run's record).
 */
final class ReconciliationTurns {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationTurns.class);

    /** What a run does with its turn; it throws when the run fails. */
    @FunctionalInterface
    interface Run {
        ReconciliationOutcome run(long runId);
    }

    private final ReconciliationRuns runs;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, RunRecord> last = new ConcurrentHashMap<>();

    ReconciliationTurns(ReconciliationRuns runs) {
        this.runs = runs;
    }

    /** Runs the account now, unless a run of it is going here or on another instance (then skipped). */
    RunRecord take(String account, String trigger, Run run) {
        ReentrantLock lock = locks.computeIfAbsent(account, a -> new ReentrantLock());
        if (!lock.tryLock()) {
            LOG.info("reconciliation already running account={} trigger={} skipped", account, trigger);
            return RunRecord.skipped(account, trigger);
        }
        try {
            Optional<Long> runId = runs.begin(account, trigger);
            if (runId.isEmpty()) {
                LOG.info("reconciliation running elsewhere account={} trigger={} skipped", account, trigger);
                return RunRecord.skipped(account, trigger);
            }
            try {
                ReconciliationOutcome outcome = run.run(runId.get());
                runs.succeed(runId.get(), outcome.counts());
                RunRecord record = RunRecord.succeeded(account, trigger, runId.get(), outcome);
                last.put(account, record);
                LOG.info("reconciliation done account={} trigger={} run={} counts={}", account, trigger, runId.get(),
                        outcome.counts());
                return record;
            } catch (RuntimeException e) {
                runs.fail(runId.get(), e.getMessage());
                last.merge(account, RunRecord.failed(account, trigger, runId.get(), e.getMessage()),
                        (previous, failed) -> previous.succeededOnce() ? previous.withLastFailure(e.getMessage()) : failed);
                LOG.error("reconciliation failed account={} trigger={} run={} reason={}", account, trigger, runId.get(),
                        e.getMessage());
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The start-up's call: runs the account unless its first run already succeeded. */
    Optional<RunRecord> untilFirstSuccess(String account, String trigger, Run run) {
        RunRecord previous = last.get(account);
        if (previous != null && previous.succeededOnce()) {
            return Optional.empty();
        }
        return Optional.of(take(account, trigger, run));
    }

    Map<String, RunRecord> lastRuns() {
        return Map.copyOf(last);
    }
}
