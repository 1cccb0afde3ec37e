package kisgateway.app.service.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.app.service.reconciliation.ReconciliationService.RunRecord;
import kisgateway.reconcile.ReconciliationCounts;
import kisgateway.reconcile.ReconciliationOutcome;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs of one account by several instances on one database (each instance: its own pool, its own
 * {@link ReconciliationTurns}): a run whose instance died does not hold the account up, a live run is never taken
 * over, and an instance starting while another runs the account counts that run once it succeeded.
 */
class ReconciliationTurnsTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private final String account = "turns-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<CountDownLatch> blocked = new ArrayList<>();

    @AfterEach
    void stop() {
        blocked.forEach(CountDownLatch::countDown);
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void aRunWhoseInstanceDiedDoesNotHoldTheAccountUp() throws Exception {
        Instance a = instance("a");
        Instance b = instance("b");
        Blocked aRun = new Blocked();
        Future<RunRecord> aTurn = threads.submit(() -> a.turns.take(account, "STARTUP", x -> aRun.run()));
        assertThat(aRun.started.await(10, TimeUnit.SECONDS)).isTrue();
        long aRunId = runningRun();

        // kill -9 of instance a: its sessions end (its thread stays blocked, as if frozen)
        a.terminateSessions();
        long t0 = System.nanoTime();
        RunRecord bRecord = b.turns.take(account, "STARTUP", x -> outcome());
        assertThat(bRecord.outcome()).as("b's run while a's is RUNNING but a is dead").isEqualTo("SUCCEEDED");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(row(aRunId)).isEqualTo("FAILED abandoned: its instance died");
        assertThat(row(bRecord.runId())).isEqualTo("SUCCEEDED null");

        // a was not dead after all, only cut off from the database: its run ends, but it must not overwrite
        // the verdict on it, nor pass for a success
        aRun.release.countDown();
        assertThatThrownBy(() -> aTurn.get(10, TimeUnit.SECONDS)).hasMessageContaining("lost");
        assertThat(row(aRunId)).isEqualTo("FAILED abandoned: its instance died");
        assertThat(a.turns.lastRuns().get(account).succeededOnce()).isFalse();
        assertThat(a.advisoryLocksHeld()).isZero();
    }

    @Test
    void aLiveRunIsNotTakenOver() throws Exception {
        Instance a = instance("a");
        Instance b = instance("b");
        Blocked aRun = new Blocked();
        Future<RunRecord> aTurn = threads.submit(() -> a.turns.take(account, "TIMER", x -> aRun.run()));
        assertThat(aRun.started.await(10, TimeUnit.SECONDS)).isTrue();
        long aRunId = runningRun();
        AtomicInteger bRuns = new AtomicInteger();

        RunRecord bRecord = b.turns.take(account, "ON_DEMAND", x -> {
            bRuns.incrementAndGet();
            return outcome();
        });
        assertThat(bRecord.outcome()).isEqualTo("SKIPPED");
        assertThat(bRuns).hasValue(0);
        assertThat(row(aRunId)).isEqualTo("RUNNING null");

        aRun.release.countDown();
        assertThat(aTurn.get(10, TimeUnit.SECONDS).outcome()).isEqualTo("SUCCEEDED");
        assertThat(row(aRunId)).isEqualTo("SUCCEEDED null");
        assertThat(a.advisoryLocksHeld()).as("a's pooled sessions after its run").isZero();
    }

    @Test
    void everyEndOfARunLeavesTheAccountFree() throws Exception {
        Instance a = instance("a");
        Instance b = instance("b");
        a.turns.take(account, "TIMER", x -> outcome());
        assertThat(a.advisoryLocksHeld()).isZero();
        assertThatThrownBy(() -> a.turns.take(account, "TIMER", x -> {
            throw new IllegalStateException("broker books unreadable");
        })).hasMessage("broker books unreadable");
        assertThat(a.advisoryLocksHeld()).isZero();
        assertThatThrownBy(() -> a.turns.take(account, "TIMER", x -> {
            throw new AssertionError("a bug");
        })).isInstanceOf(AssertionError.class);
        assertThat(a.advisoryLocksHeld()).isZero();
        assertThat(b.turns.take(account, "TIMER", x -> outcome()).outcome()).isEqualTo("SUCCEEDED");
        assertThat(a.turns.take(account, "TIMER", x -> outcome()).outcome()).isEqualTo("SUCCEEDED");
    }

    @Test
    void startingWhileAnotherInstanceRunsCountsItsSuccess() throws Exception {
        Instance a = instance("a");
        Instance b = instance("b");
        Blocked aRun = new Blocked();
        Future<RunRecord> aTurn = threads.submit(() -> a.turns.take(account, "STARTUP", x -> aRun.run()));
        assertThat(aRun.started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger bRuns = new AtomicInteger();
        Future<List<RunRecord>> bStart = threads.submit(() -> b.turns.untilFirstSuccess(account, "STARTUP", x -> {
            bRuns.incrementAndGet();
            return outcome();
        }).stream().toList());
        // b tried once (and was skipped) before a's run ends
        await().atMost(Duration.ofSeconds(10)).until(() -> bStart.isDone() || b.turns.lastRuns().containsKey(account));

        aRun.release.countDown();
        long aRunId = aTurn.get(10, TimeUnit.SECONDS).runId();
        List<RunRecord> bRecords = bStart.get(1, TimeUnit.SECONDS);
        assertThat(bRecords).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("SUCCEEDED");
            assertThat(r.runId()).isEqualTo(aRunId);
        });
        assertThat(b.turns.lastRuns().get(account).succeededOnce()).as("b ready on a's success").isTrue();
        assertThat(bRuns).as("b's own runs").hasValue(0);
    }

    @Test
    void aFailedRunOfAnotherInstanceDoesNotCount() throws Exception {
        Instance a = instance("a");
        Instance b = instance("b");
        Blocked aRun = new Blocked();
        aRun.failure = new IllegalStateException("KIS answered 500");
        Future<RunRecord> aTurn = threads.submit(() -> a.turns.take(account, "STARTUP", x -> aRun.run()));
        assertThat(aRun.started.await(10, TimeUnit.SECONDS)).isTrue();
        long aRunId = runningRun();
        AtomicInteger bRuns = new AtomicInteger();
        Future<List<RunRecord>> bStart = threads.submit(() -> b.turns.untilFirstSuccess(account, "STARTUP", x -> {
            bRuns.incrementAndGet();
            return outcome();
        }).stream().toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> bStart.isDone() || b.turns.lastRuns().containsKey(account));

        aRun.release.countDown();
        assertThatThrownBy(() -> aTurn.get(10, TimeUnit.SECONDS)).hasMessageContaining("KIS answered 500");
        List<RunRecord> bRecords = bStart.get(2, TimeUnit.SECONDS);
        assertThat(bRecords).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("SUCCEEDED");
            assertThat(r.runId()).isNotEqualTo(aRunId);
        });
        assertThat(bRuns).as("b's own runs").hasValue(1);
    }

    private Instance instance(String name) {
        EmbeddedDatabase db = SharedInfrastructure.get().embeddedDatabase();
        String applicationName = "turns-test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(3);
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(3_000);
        hc.addDataSourceProperty("ApplicationName", applicationName);
        HikariDataSource pool = new HikariDataSource(hc);
        pools.add(pool);
        return new Instance(applicationName, turns(new ReconciliationRuns(pool, CLOCK)));
    }

    private static ReconciliationTurns turns(ReconciliationRuns runs) {
        return new ReconciliationTurns(runs, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    private ReconciliationOutcome outcome() {
        Instant now = CLOCK.instant();
        return new ReconciliationOutcome(account, now, now, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), new ReconciliationCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private long runningRun() throws Exception {
        try (Connection c = SharedInfrastructure.get().dataSource().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select run_id from recon_runs where account = ? and outcome = 'RUNNING'")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a RUNNING run of " + account).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static String row(long runId) throws Exception {
        try (Connection c = SharedInfrastructure.get().dataSource().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select outcome, error from recon_runs where run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1) + " " + rs.getString(2);
            }
        }
    }

    /** A run that holds its turn until released, then succeeds or fails. */
    private final class Blocked {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile RuntimeException failure;

        Blocked() {
            blocked.add(release);
        }

        ReconciliationOutcome run() {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return outcome();
        }
    }

    /** One gateway instance's reconciliation turns, on a pool of its own named for it. */
    private record Instance(String applicationName, ReconciliationTurns turns) {

        void terminateSessions() throws Exception {
            try (Connection c = SharedInfrastructure.get().dataSource().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
                ps.setString(1, applicationName);
                ps.executeQuery().close();
            }
        }

        int advisoryLocksHeld() throws Exception {
            try (Connection c = SharedInfrastructure.get().dataSource().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("select count(*) from pg_locks l join pg_stat_activity s "
                         + "on s.pid = l.pid where l.locktype = 'advisory' and s.application_name = ?")) {
                ps.setString(1, applicationName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }
}
