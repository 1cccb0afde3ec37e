package kisgateway.app.service.reconciliation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import kisgateway.app.service.reconciliation.ReconciliationRuns.StartedRun;
import kisgateway.app.service.reconciliation.ReconciliationService.RunRecord;
import kisgateway.reconcile.ReconciliationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose turn it is to reconcile each account, and how each account's last turn ended: one run of an account at a
 * time in this JVM (a lock per account) and across the instances sharing the database (the account's
 * {@link AccountRunLock}, held for the run, and the run's record).
 *
 * <p>The books are shared: a run that another instance finished with success compared the same books with the
 * broker, so an instance starting while another runs the account waits for that run and counts its success as
 * its own first one (a failure does not count: it then runs the account itself).
 */
final class ReconciliationTurns {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationTurns.class);

    /** What a run does with its turn; it throws when the run fails. */
    @FunctionalInterface
    interface Run {
        ReconciliationOutcome run(Turn turn);
    }

    /** The run's id, and the proof that it still has the account (checked before it changes the books). */
    record Turn(long runId, AccountRunLock lock) {
        void confirmHeld() {
            lock.confirmHeld();
        }
    }

    private final ReconciliationRuns runs;
    private final Duration peerPoll;
    private final Duration peerWait;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, RunRecord> last = new ConcurrentHashMap<>();

    /**
     * @param peerPoll how often a start-up waiting for another instance's run looks at it
     * @param peerWait how long a start-up waits for it at most before it gives up until its next retry
     */
    ReconciliationTurns(ReconciliationRuns runs, Duration peerPoll, Duration peerWait) {
        this.runs = runs;
        this.peerPoll = peerPoll;
        this.peerWait = peerWait;
    }

    /** Runs the account now, unless a run of it is going here or on another live instance (then skipped). */
    RunRecord take(String account, String trigger, Run run) {
        ReentrantLock lock = locks.computeIfAbsent(account, a -> new ReentrantLock());
        if (!lock.tryLock()) {
            LOG.info("reconciliation already running account={} trigger={} skipped", account, trigger);
            return skipped(RunRecord.skipped(account, trigger, -1, "running on this instance"));
        }
        try {
            Optional<StartedRun> started = runs.begin(account, trigger);
            if (started.isEmpty()) {
                long peer = runs.running(account).orElse(-1L);
                LOG.info("reconciliation running elsewhere account={} trigger={} run={} skipped", account, trigger, peer);
                return skipped(RunRecord.skipped(account, trigger, peer, "running on another instance"
                        + (peer < 0 ? "" : " (run " + peer + ")")));
            }
            if (!started.get().abandoned().isEmpty()) {
                LOG.warn("reconciliation runs abandoned account={} runs={} reason=their instance died (lock free)",
                        account, started.get().abandoned());
            }
            return runHolding(account, trigger, run, started.get());
        } finally {
            lock.unlock();
        }
    }

    private RunRecord runHolding(String account, String trigger, Run run, StartedRun started) {
        long runId = started.runId();
        // the record is finished before the lock goes: a RUNNING record with its lock free means a dead run
        try (AccountRunLock held = started.lock()) {
            try {
                ReconciliationOutcome outcome = run.run(new Turn(runId, held));
                if (!runs.succeed(runId, outcome.counts())) {
                    throw new IllegalStateException("reconciliation run " + runId + " lost its lock (its database "
                            + "session ended) and another instance took the account over");
                }
                RunRecord record = RunRecord.succeeded(account, trigger, runId, outcome);
                last.put(account, record);
                LOG.info("reconciliation done account={} trigger={} run={} counts={}", account, trigger, runId,
                        outcome.counts());
                return record;
            } catch (RuntimeException | Error e) {
                String reason = String.valueOf(e.getMessage());
                try {
                    runs.fail(runId, reason);
                } catch (RuntimeException recording) {
                    // left RUNNING: the next run, finding the lock free, fails it as abandoned
                    e.addSuppressed(recording);
                }
                last.merge(account, RunRecord.failed(account, trigger, runId, reason),
                        (previous, failed) -> previous.succeededOnce() ? previous.withLastFailure(reason) : failed);
                LOG.error("reconciliation failed account={} trigger={} run={} reason={}", account, trigger, runId,
                        reason);
                throw e;
            }
        }
    }

    /**
     * The start-up's call: nothing once the account's first run succeeded; otherwise its run, or, while another
     * instance runs the account, that run's success as soon as it succeeded (looked at every {@code peerPoll}, up
     * to {@code peerWait}). A run that failed, or whose instance died, gives the turn to this instance.
     */
    Optional<RunRecord> untilFirstSuccess(String account, String trigger, Run run) {
        if (succeededOnce(account)) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + peerWait.toNanos();
        RunRecord record = take(account, trigger, run);
        long peer = record.runId();
        while (record.skippedForPeer() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(peerPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (succeededOnce(account)) {
                // a run of this instance with another trigger
                return Optional.of(last.get(account));
            }
            if (peer >= 0 && runs.outcome(peer).filter("SUCCEEDED"::equals).isPresent()) {
                RunRecord counted = last.merge(account, RunRecord.succeededElsewhere(account, trigger, peer),
                        (previous, elsewhere) -> previous.succeededOnce() ? previous : elsewhere);
                LOG.info("reconciliation by another instance counted account={} trigger={} run={}", account, trigger,
                        peer);
                return Optional.of(counted);
            }
            record = take(account, trigger, run);
            peer = record.runId() >= 0 ? record.runId() : peer;
        }
        return Optional.of(record);
    }

    /**
     * What the KIS leader answers a starting follower: its own first success of the account, which keeps the shared
     * books reconciled from then on (no call to KIS for it), or, before it has one, its start-up's run, waited for.
     */
    RunRecord forPeer(String account, String trigger, Run run) {
        RunRecord previous = last.get(account);
        if (previous != null && previous.succeededOnce()) {
            return previous;
        }
        return untilFirstSuccess(account, trigger, run).orElseGet(() -> last.get(account));
    }

    /** A run of the account that another instance (the KIS leader) finished with success counts as this one's. */
    void countSucceededElsewhere(String account, String trigger, long runId) {
        last.merge(account, RunRecord.succeededElsewhere(account, trigger, runId),
                (previous, elsewhere) -> previous.succeededOnce() ? previous : elsewhere);
        LOG.info("reconciliation by the KIS leader counted account={} trigger={} run={}", account, trigger, runId);
    }

    boolean succeededOnce(String account) {
        RunRecord previous = last.get(account);
        return previous != null && previous.succeededOnce();
    }

    /** A skip is shown (readiness says why it waits) only while the account has no run of its own to show. */
    private RunRecord skipped(RunRecord skipped) {
        last.putIfAbsent(skipped.account(), skipped);
        return skipped;
    }

    Map<String, RunRecord> lastRuns() {
        return Map.copyOf(last);
    }
}
