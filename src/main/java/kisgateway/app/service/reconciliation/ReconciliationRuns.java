package kisgateway.app.service.reconciliation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kisgateway.order.OrderStoreException;
import kisgateway.reconcile.Break;
import kisgateway.reconcile.ReconciliationCounts;
import kisgateway.reconcile.ResolvedBreak;

/**
 * The records of reconciliation: one row per run (at most one RUNNING per account, begun only under the account's
 * {@link AccountRunLock}, so runs never overlap even across instances), the breaks with their evidence and lifecycle, and the
 * day's opening cash.
 */
final class ReconciliationRuns {

    private final DataSource dataSource;
    private final Clock clock;

    ReconciliationRuns(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A run begun: its id, the account's lock held for it, and the runs of dead instances it ended. */
    record StartedRun(long runId, AccountRunLock lock, List<Long> abandoned) {
    }

    /**
     * Takes the account's lock, then records the run. Holding the lock proves that no live instance runs the
     * account, so a RUNNING record found then was left by an instance that died (or lost its database session)
     * mid-run: it is failed as abandoned, in the same transaction as the new run's insert.
     *
     * @return the run, or empty when a run of the account is going on another instance (or in another session)
     */
    Optional<StartedRun> begin(String account, String trigger) {
        Optional<AccountRunLock> taken;
        try {
            taken = AccountRunLock.tryTake(dataSource, account);
        } catch (SQLException e) {
            throw new OrderStoreException("taking the reconciliation lock failed: " + e.getMessage(), e);
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        AccountRunLock lock = taken.get();
        try {
            Connection c = lock.connection();
            c.setAutoCommit(false);
            try {
                List<Long> abandoned = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("update recon_runs set outcome = 'FAILED', finished_at = ?, "
                        + "error = 'abandoned: its instance died' where account = ? and outcome = 'RUNNING' returning run_id")) {
                    ps.setTimestamp(1, Timestamp.from(clock.instant()));
                    ps.setString(2, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            abandoned.add(rs.getLong(1));
                        }
                    }
                }
                Optional<Long> runId;
                // the conflict only with an instance that runs without the lock (an older version, mid-upgrade)
                try (PreparedStatement ps = c.prepareStatement("insert into recon_runs (account, trigger, started_at) "
                        + "values (?,?,?) on conflict do nothing returning run_id")) {
                    ps.setString(1, account);
                    ps.setString(2, trigger);
                    ps.setTimestamp(3, Timestamp.from(clock.instant()));
                    try (ResultSet rs = ps.executeQuery()) {
                        runId = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                    }
                }
                c.commit();
                if (runId.isEmpty()) {
                    lock.close();
                    return Optional.empty();
                }
                return Optional.of(new StartedRun(runId.get(), lock, List.copyOf(abandoned)));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw e instanceof RuntimeException r ? r
                    : new OrderStoreException("recording a reconciliation run failed: " + e.getMessage(), e);
        }
    }

    /** The run of the account now RUNNING, if any (on whichever instance). */
    Optional<Long> running(String account) {
        return select("select run_id from recon_runs where account = ? and outcome = 'RUNNING'", account)
                .map(Long::parseLong);
    }

    /** RUNNING, SUCCEEDED or FAILED; empty for an unknown run. */
    Optional<String> outcome(long runId) {
        return select("select outcome from recon_runs where run_id = ?::bigint", String.valueOf(runId));
    }

    private Optional<String> select(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new OrderStoreException("reading reconciliation runs failed: " + e.getMessage(), e);
        }
    }

    /** @return false when the run is no longer RUNNING: another instance found its lock gone and failed it */
    boolean succeed(long runId, ReconciliationCounts counts) {
        return finish(runId, "SUCCEEDED", counts, null) == 1;
    }

    boolean fail(long runId, String error) {
        return finish(runId, "FAILED", null, error) == 1;
    }

    private int finish(long runId, String outcome, ReconciliationCounts counts, String error) {
        return update("update recon_runs set finished_at = ?, outcome = ?, orders_compared = ?, fills_compared = ?, "
                + "settled = ?, breaks_opened = ?, breaks_resolved = ?, error = ? where run_id = ? and outcome = 'RUNNING'",
                ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, outcome);
            ps.setObject(3, counts == null ? null : counts.ordersCompared());
            ps.setObject(4, counts == null ? null : counts.fillsCompared());
            ps.setObject(5, counts == null ? null : counts.settled());
            ps.setObject(6, counts == null ? null : counts.breaksOpened());
            ps.setObject(7, counts == null ? null : counts.breaksResolved());
            ps.setString(8, error);
            ps.setLong(9, runId);
        });
    }

    void openBreaks(long runId, String account, List<Break> breaks) {
        for (Break b : breaks) {
            update("insert into recon_breaks (account, kind, subject, opened_run_id, opened_at, local_evidence, "
                    + "broker_evidence, summary) values (?,?,?,?,?,?::jsonb,?::jsonb,?) on conflict do nothing", ps -> {
                ps.setString(1, account);
                ps.setString(2, b.kind().name());
                ps.setString(3, b.subject());
                ps.setLong(4, runId);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                ps.setString(6, EvidenceJson.of(b.evidence().local()));
                ps.setString(7, EvidenceJson.of(b.evidence().broker()));
                ps.setString(8, b.summary());
            });
        }
    }

    void resolveBreaks(long runId, List<ResolvedBreak> resolved) {
        for (ResolvedBreak r : resolved) {
            update("update recon_breaks set resolved_at = ?, resolved_run_id = ? where break_id = ? and resolved_at is null",
                    ps -> {
                        ps.setTimestamp(1, Timestamp.from(r.resolvedAt()));
                        ps.setLong(2, runId);
                        ps.setLong(3, r.open().breakId());
                    });
        }
    }

    /** Breaks not yet on kis.recon.breaks, as messages. */
    List<BreakMessage> unpublishedBreaks() {
        List<BreakMessage> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select break_id, account, kind, subject, summary, opened_at, "
                     + "opened_run_id, local_evidence::text, broker_evidence::text from recon_breaks "
                     + "where published_at is null order by break_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(BreakMessage.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getLong(7), rs.getString(8), rs.getString(9)));
            }
        } catch (SQLException e) {
            throw new OrderStoreException("reading breaks failed: " + e.getMessage(), e);
        }
        return out;
    }

    void markBreaksPublished(List<Long> ids) {
        update("update recon_breaks set published_at = ? where break_id = any (?)", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", ids.toArray()));
        });
    }

    Optional<BigDecimal> openingCash(String account, LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select opening_cash from account_days where account = ? and trading_date = ?")) {
            ps.setString(1, account);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBigDecimal(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new OrderStoreException("reading the opening cash failed: " + e.getMessage(), e);
        }
    }

    void recordOpeningCash(String account, LocalDate day, BigDecimal cash, String measure) {
        update("insert into account_days (account, trading_date, opening_cash, cash_measure) values (?,?,?,?) "
                + "on conflict (account, trading_date) do nothing", ps -> {
            ps.setString(1, account);
            ps.setObject(2, day);
            ps.setBigDecimal(3, cash);
            ps.setString(4, measure);
        });
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new OrderStoreException("reconciliation records: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
