package kisgateway.app.reconcile;

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
 * The records of reconciliation: one row per run (at most one RUNNING per account: the database refuses a
 * second, so runs never overlap even across instances), the breaks with their evidence and lifecycle, and the
 * day's opening cash.
 */
final class ReconciliationRuns {

    private final DataSource dataSource;
    private final Clock clock;

    ReconciliationRuns(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @return the new run's id, or empty when a run of the account is already going */
    Optional<Long> begin(String account, String trigger) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into recon_runs (account, trigger, started_at) values (?,?,?) "
                     + "on conflict do nothing returning run_id")) {
            ps.setString(1, account);
            ps.setString(2, trigger);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new OrderStoreException("recording a reconciliation run failed: " + e.getMessage(), e);
        }
    }

    void succeed(long runId, ReconciliationCounts counts) {
        finish(runId, "SUCCEEDED", counts, null);
    }

    void fail(long runId, String error) {
        finish(runId, "FAILED", null, error);
    }

    private void finish(long runId, String outcome, ReconciliationCounts counts, String error) {
        update("update recon_runs set finished_at = ?, outcome = ?, orders_compared = ?, fills_compared = ?, settled = ?, "
                + "breaks_opened = ?, breaks_resolved = ?, error = ? where run_id = ?", ps -> {
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

    /** Runs left RUNNING by a crash: failed, so the next run can start. */
    int abandonStale(java.time.Duration olderThan) {
        return update("update recon_runs set outcome = 'FAILED', finished_at = ?, error = 'abandoned (the gateway "
                + "stopped during the run)' where outcome = 'RUNNING' and started_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setTimestamp(2, Timestamp.from(clock.instant().minus(olderThan)));
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
