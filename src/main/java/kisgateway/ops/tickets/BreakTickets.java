package kisgateway.ops.tickets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A ticket per reconciliation break, kept in step with the breaks table: a break without a ticket gets one, an
 * open break whose finding changed updates its ticket, a settled break closes it. It reads what to do from the
 * tables, not from one run's outcome, so a run that died half-way (or an instance that never got to it) is caught
 * up by the next one. Every change and its message (ops_ticket_events) are one transaction, and every statement
 * says what it expects to find (no ticket yet: the unique key; still OPEN; evidence different), so two instances
 * doing the same sync at once make each change once.
 */
public final class BreakTickets {

    private final DataSource dataSource;
    private final Clock clock;
    private final boolean webhook;

    /** @param webhook whether an incident tool's webhook is configured: its changes are then due there too */
    public BreakTickets(DataSource dataSource, Clock clock, boolean webhook) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.webhook = webhook;
    }

    /** How many tickets a sync opened, updated and closed (the others' share is not counted here). */
    public record Changes(int opened, int updated, int closed) {
        public int total() {
            return opened + updated + closed;
        }
    }

    /** The finding of a break still open, as this run saw it. */
    public record Finding(String summary, String localEvidence, String brokerEvidence) {
    }

    /**
     * @param current this run's finding of each break it found still open, by break id; a break not in it keeps
     *                its ticket as it is
     */
    public Changes sync(String account, Map<Long, Finding> current) {
        try (Connection c = dataSource.getConnection()) {
            int opened = open(c, account);
            int updated = 0;
            for (Map.Entry<Long, Finding> e : current.entrySet()) {
                updated += update(c, e.getKey(), e.getValue());
            }
            int closed = close(c, account);
            return new Changes(opened, updated, closed);
        } catch (SQLException e) {
            throw new TicketStoreException("tickets of account " + account + ": " + e.getMessage(), e);
        }
    }

    private int open(Connection c, String account) throws SQLException {
        List<Long> untracked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select b.break_id from recon_breaks b where b.account = ? and "
                + "not exists (select 1 from ops_tickets t where t.break_id = b.break_id) and (b.resolved_at is null "
                + "or b.break_id > (select breaks_before from ops_ticket_origin)) order by b.break_id")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    untracked.add(rs.getLong(1));
                }
            }
        }
        int opened = 0;
        for (long breakId : untracked) {
            // a break that settled before its ticket was written (a crash between the two) still gets its ticket,
            // opened and closed, so the incident tool and the time to resolve know of it
            List<TicketRow> rows = inTransaction(c, () -> {
                List<TicketRow> changed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("insert into ops_tickets (ticket_key, break_id, account, "
                        + "kind, subject, state, version, summary, local_evidence, broker_evidence, opened_at, updated_at) "
                        + "select 'break:' || break_id, break_id, account, kind, subject, 'OPEN', 1, coalesce(summary, kind), "
                        + "local_evidence, broker_evidence, opened_at, ? from recon_breaks where break_id = ? "
                        + "on conflict do nothing returning " + TicketRow.COLUMNS)) {
                    ps.setTimestamp(1, Timestamp.from(clock.instant()));
                    ps.setLong(2, breakId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            TicketRow row = TicketRow.read(rs);
                            event(c, row, TicketChange.OPENED);
                            changed.add(row);
                        }
                    }
                }
                return changed;
            });
            opened += rows.size();
        }
        return opened;
    }

    private int update(Connection c, long breakId, Finding f) throws SQLException {
        return inTransaction(c, () -> {
            try (PreparedStatement ps = c.prepareStatement("update ops_tickets set summary = ?, local_evidence = ?::jsonb, "
                    + "broker_evidence = ?::jsonb, version = version + 1, updated_at = ? where break_id = ? and state = 'OPEN' "
                    + "and (summary <> ? or local_evidence <> ?::jsonb or broker_evidence <> ?::jsonb) returning "
                    + TicketRow.COLUMNS)) {
                ps.setString(1, f.summary());
                ps.setString(2, f.localEvidence());
                ps.setString(3, f.brokerEvidence());
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setLong(5, breakId);
                ps.setString(6, f.summary());
                ps.setString(7, f.localEvidence());
                ps.setString(8, f.brokerEvidence());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                    event(c, TicketRow.read(rs), TicketChange.UPDATED);
                    return 1;
                }
            }
        });
    }

    private int close(Connection c, String account) throws SQLException {
        return inTransaction(c, () -> {
            List<TicketRow> closed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("update ops_tickets t set state = 'CLOSED', version = t.version + 1, "
                    + "updated_at = ?, closed_at = b.resolved_at from recon_breaks b where b.break_id = t.break_id and "
                    + "t.account = ? and t.state = 'OPEN' and b.resolved_at is not null returning "
                    + prefixed("t", TicketRow.COLUMNS))) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        closed.add(TicketRow.read(rs));
                    }
                }
            }
            for (TicketRow row : closed) {
                event(c, row, TicketChange.CLOSED);
            }
            return closed.size();
        });
    }

    private void event(Connection c, TicketRow row, TicketChange change) throws SQLException {
        row.recordChange(c, change, clock.instant(), webhook);
    }

    static String prefixed(String alias, String columns) {
        StringBuilder sb = new StringBuilder();
        for (String column : columns.split(",\\s*")) {
            sb.append(sb.length() == 0 ? "" : ", ").append(alias).append('.').append(column);
        }
        return sb.toString();
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
