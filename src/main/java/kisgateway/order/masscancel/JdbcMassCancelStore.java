package kisgateway.order.masscancel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderStoreException;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.ScopeKind;
import kisgateway.risk.killswitch.TradingState;

/**
 * Mass cancels and what each did ({@code mass_cancels}, {@code mass_cancel_orders}), and the operator's request for
 * one in {@code audit_log} (action {@value #AUDIT_ACTION}) in the transaction that records it.
 */
public final class JdbcMassCancelStore {

    public static final String AUDIT_ACTION = "MASS_CANCEL_REQUESTED";

    private final JdbcOrderStore transactions;
    private final Clock clock;

    /** @param transactions the order store whose transaction helper (and database) the reports share */
    public JdbcMassCancelStore(JdbcOrderStore transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether the request was there before this call, and the report as it stands. */
    public record Begun(boolean existed, MassCancelReport report) {
    }

    /**
     * Records the request, or finds it: a request id names one scope and mode for good. Each call counts one run.
     *
     * @throws IllegalArgumentException when the id already names a mass cancel of another scope or mode
     */
    public Begun begin(MassCancelRequest r) {
        return inTransaction(c -> {
            boolean created;
            try (PreparedStatement ps = c.prepareStatement("insert into mass_cancels (request_id, scope, scope_key, "
                    + "mode, trigger, requested_by, reason, requested_at, started_at) values (?,?,?,?,?,?,?,?,?) "
                    + "on conflict (request_id) do nothing")) {
                ps.setString(1, r.requestId());
                ps.setString(2, r.scope().kind().name());
                ps.setString(3, r.scope().key());
                ps.setString(4, r.mode().name());
                ps.setString(5, r.trigger().name());
                ps.setString(6, r.actor());
                ps.setString(7, r.reason());
                ps.setTimestamp(8, Timestamp.from(r.requestedAt()));
                ps.setTimestamp(9, Timestamp.from(clock.instant()));
                created = ps.executeUpdate() == 1;
            }
            MassCancelRequest stored = read(c, r.requestId(), true).orElseThrow().request();
            if (!stored.scope().equals(r.scope()) || stored.mode() != r.mode()) {
                throw new IllegalArgumentException("requestId '" + r.requestId() + "' already names a mass cancel of "
                        + stored.scope() + " (" + stored.mode() + "): choose another id");
            }
            if (created && r.trigger() == MassCancelTrigger.OPERATOR) {
                audit(c, r);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update mass_cancels set runs = runs + 1, finished_at = null where request_id = ?")) {
                ps.setString(1, r.requestId());
                ps.executeUpdate();
            }
            return new Begun(!created, read(c, r.requestId(), false).orElseThrow());
        });
    }

    /**
     * What the run did with an order.
     *
     * @param own true for a cancel the run attempted (it replaces what an earlier run wrote); false for an order it
     *            left, which does not overwrite an earlier run's record of a cancel
     */
    public void record(String requestId, OrderRecord order, MassCancelOutcome outcome, String orderState, String detail,
                       boolean own) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into mass_cancel_orders (request_id, order_id, "
                    + "outcome, order_state, detail, recorded_at) values (?,?,?,?,?,?) on conflict (request_id, order_id) "
                    + (own ? "do update set outcome = excluded.outcome, order_state = excluded.order_state, "
                    + "detail = excluded.detail, recorded_at = excluded.recorded_at" : "do nothing"))) {
                ps.setString(1, requestId);
                ps.setObject(2, order.orderId());
                ps.setString(3, outcome.name());
                ps.setString(4, orderState);
                ps.setString(5, detail);
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    public MassCancelReport finish(String requestId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update mass_cancels set finished_at = ? where request_id = ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, requestId);
                ps.executeUpdate();
            }
            return read(c, requestId, false).orElseThrow(() -> new OrderStoreException("no mass cancel " + requestId));
        });
    }

    public Optional<MassCancelReport> report(String requestId) {
        return inTransaction(c -> read(c, requestId, false));
    }

    /** Shares held per symbol of an account. */
    public Map<String, Long> positions(String account) {
        return inTransaction(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select symbol, quantity from positions where account = ?")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<MassCancelReport> read(Connection c, String requestId, boolean lock) throws SQLException {
        MassCancelRequest request;
        Timestamp started;
        Timestamp finished;
        int runs;
        try (PreparedStatement ps = c.prepareStatement("select scope, scope_key, mode, trigger, requested_by, reason, "
                + "requested_at, started_at, finished_at, runs from mass_cancels where request_id = ?"
                + (lock ? " for update" : ""))) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                request = new MassCancelRequest(requestId, new KillSwitchScope(ScopeKind.valueOf(rs.getString(1)),
                        rs.getString(2)), TradingState.valueOf(rs.getString(3)),
                        MassCancelTrigger.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant());
                started = rs.getTimestamp(8);
                finished = rs.getTimestamp(9);
                runs = rs.getInt(10);
            }
        }
        List<MassCancelReport.Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select m.order_id, o.client_order_id, o.strategy_id, o.account, "
                + "o.symbol, o.side, greatest(o.quantity - o.filled_quantity, 0), m.outcome, m.order_state, m.detail "
                + "from mass_cancel_orders m join orders o on o.order_id = m.order_id where m.request_id = ? "
                + "order by m.recorded_at, m.order_id")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new MassCancelReport.Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                            MassCancelOutcome.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return Optional.of(new MassCancelReport(request, started.toInstant(),
                finished == null ? null : finished.toInstant(), runs, List.copyOf(lines)));
    }

    private void audit(Connection c, MassCancelRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (at, actor, action, detail) values "
                + "(?, ?, ?, jsonb_build_object('requestId', ?::text, 'scope', ?::text, 'key', ?::text, 'reason', ?::text))")) {
            ps.setTimestamp(1, Timestamp.from(r.requestedAt()));
            ps.setString(2, r.actor());
            ps.setString(3, AUDIT_ACTION);
            ps.setString(4, r.requestId());
            ps.setString(5, r.scope().kind().name());
            ps.setString(6, r.scope().key());
            ps.setString(7, r.reason());
            ps.executeUpdate();
        }
    }

    private <T> T inTransaction(JdbcOrderStore.SqlWork<T> work) {
        return transactions.inTransaction("mass cancel store", work);
    }
}
