package kisgateway.app.service.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import kisgateway.app.broker.TransactedPublisher;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.BreakKind;
import kisgateway.reconcile.report.DailyReport;
import kisgateway.reconcile.report.DailyReportWriter;
import kisgateway.reconcile.report.ReliabilityDay;
import kisgateway.reconcile.report.ReportSummary;
import kisgateway.reconcile.report.StreamSessionDays;
import kisgateway.reconcile.snapshot.BrokerPosition;
import kisgateway.reconcile.snapshot.BrokerSnapshot;

/**
 * Gathers a trading day for the report: orders by state, fills, positions and cash against the broker's books
 * of the last reconciliation, breaks opened and resolved with their age, rejects by msg_cd, the rate budget's
 * statistics from the metrics, the runs, intake-to-ack latencies, and the reliability section (acknowledgement
 * latencies, outcomes, the stream's incidents and the trend) with the WebSocket sessions' lines from the stream's
 * incidents table: what the database keeps, so the same whichever instance writes it and after a restart. Renders it
 * (kisgateway.reconcile.report) into reports/YYYY-MM-DD/ and sends the summary to kis.recon.reports.
 */
public final class DailyReportAssembler {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final DataSource dataSource;
    private final KisAccounts accounts;
    private final ReconciliationService reconciliation;
    private final MeterRegistry meters;
    private final Path reportsRoot;
    private final TransactedPublisher publisher;
    private final Clock clock;
    private final java.util.function.Supplier<List<DailyReport.AppKeyLine>> appKeys;
    private final ReliabilityDayReader reliability;

    /**
     * @param appKeys   each app key's liveness now (app-key liveness, issue 19)
     * @param trendDays trading days the reliability trend covers (reports.trend-days)
     */
    public DailyReportAssembler(DataSource dataSource, KisAccounts accounts, ReconciliationService reconciliation,
                                MeterRegistry meters, Path reportsRoot, jakarta.jms.ConnectionFactory connections,
                                Clock clock, java.util.function.Supplier<List<DailyReport.AppKeyLine>> appKeys,
                                int trendDays) {
        if (trendDays < 1 || trendDays > 260) {
            throw new kisgateway.app.config.ConfigurationException("reports.trend-days = " + trendDays
                    + ": the trend covers 1 to 260 trading days (a year)");
        }
        this.reliability = new ReliabilityDayReader(trendDays);
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.reconciliation = reconciliation;
        this.meters = meters;
        this.reportsRoot = reportsRoot;
        this.publisher = new TransactedPublisher(connections);
        this.clock = clock;
        this.appKeys = appKeys;
    }

    /** Today's report (the gateway's trading date), written and announced. */
    public ReportSummary reportToday() throws Exception {
        return report(clock.instant().atZone(KST).toLocalDate());
    }

    public ReportSummary report(LocalDate day) throws Exception {
        DailyReport report = assemble(day);
        ReportSummary summary = DailyReportWriter.write(report, reportsRoot);
        publisher.send("kis.recon.reports", false, List.of(new TransactedPublisher.Outgoing(
                "report-" + day + "-" + report.generatedAt().toEpochMilli(), ReportSummaryJson.of(summary),
                Map.of("tradingDate", day.toString(), "clean", Boolean.toString(summary.clean())))));
        return summary;
    }

    public DailyReport assemble(LocalDate day) throws SQLException {
        Instant from = day.atStartOfDay(KST).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(KST).toInstant();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            ReliabilityDay reliabilityDay = reliability.read(c, day, now);
            List<String> sessions = accounts.all().stream().map(a -> a.appKey().label()).distinct().toList();
            return new DailyReport(day, now, List.copyOf(accounts.aliases()), ordersByState(c, from, to),
                    fills(c, from, to), positions(c), cash(c, day), breaks(c, from, to), rejects(c, from, to),
                    rateBudget(), StreamSessionDays.of(sessions, reliabilityDay.incidents(), day, now),
                    runs(c, from, to), latencies(c, from, to), appKeys.get(), reliabilityDay);
        }
    }

    private static List<DailyReport.OrderStateCount> ordersByState(Connection c, Instant from, Instant to) throws SQLException {
        List<DailyReport.OrderStateCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account, state, count(*) from orders where created_at >= ? "
                + "and created_at < ? group by account, state order by account, state")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyReport.OrderStateCount(rs.getString(1), OrderState.valueOf(rs.getString(2)), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    private static List<DailyReport.FillTotal> fills(Connection c, Instant from, Instant to) throws SQLException {
        List<DailyReport.FillTotal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account, symbol, side, count(*), sum(counted_quantity), "
                + "sum(counted_quantity * price) from fills where occurred_at >= ? and occurred_at < ? and counted_quantity > 0 "
                + "group by account, symbol, side order by account, symbol, side")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyReport.FillTotal(rs.getString(1), rs.getString(2), Side.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6).stripTrailingZeros()));
                }
            }
        }
        return out;
    }

    private List<DailyReport.PositionLine> positions(Connection c) throws SQLException {
        Map<String, DailyReport.PositionLine> lines = new TreeMap<>();
        Map<String, Map<String, BrokerPosition>> brokerBy = new HashMap<>();
        for (String account : accounts.aliases()) {
            Map<String, BrokerPosition> byNo = new HashMap<>();
            reconciliation.lastBrokerBooks(account).map(BrokerSnapshot::positions)
                    .ifPresent(ps -> ps.forEach(p -> byNo.put(p.symbol(), p)));
            brokerBy.put(account, byNo);
        }
        try (PreparedStatement ps = c.prepareStatement("select account, symbol, quantity, avg_price from positions "
                + "order by account, symbol"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String account = rs.getString(1);
                BrokerPosition b = brokerBy.getOrDefault(account, Map.of()).remove(rs.getString(2));
                lines.put(account + "|" + rs.getString(2), new DailyReport.PositionLine(account, rs.getString(2),
                        rs.getLong(3), b == null ? 0 : b.quantity(), rs.getBigDecimal(4), b == null ? null : b.avgPrice()));
            }
        }
        brokerBy.forEach((account, rest) -> rest.values().forEach(b -> lines.put(account + "|" + b.symbol(),
                new DailyReport.PositionLine(account, b.symbol(), 0, b.quantity(), null, b.avgPrice()))));
        return lines.values().stream().filter(l -> l.localQuantity() != 0 || l.brokerQuantity() != 0).toList();
    }

    private List<DailyReport.CashLine> cash(Connection c, LocalDate day) throws SQLException {
        List<DailyReport.CashLine> out = new ArrayList<>();
        BigDecimal tolerance = reconciliation.settings().cashTolerance();
        for (String account : accounts.aliases()) {
            BigDecimal broker = reconciliation.lastBrokerBooks(account).map(BrokerSnapshot::cash)
                    .map(cash -> reconciliation.settings().cashMeasure().of(cash)).orElse(null);
            BigDecimal expected = null;
            try (PreparedStatement ps = c.prepareStatement("select opening_cash + coalesce((select sum(case when side = 'SELL' "
                    + "then counted_quantity * price else -counted_quantity * price end) from fills where account = ? and occurred_at >= ?), 0) "
                    + "from account_days where account = ? and trading_date = ?")) {
                ps.setString(1, account);
                ps.setTimestamp(2, Timestamp.from(day.atStartOfDay(KST).toInstant()));
                ps.setString(3, account);
                ps.setObject(4, day);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBigDecimal(1) != null) {
                        expected = rs.getBigDecimal(1).stripTrailingZeros();
                    }
                }
            }
            out.add(new DailyReport.CashLine(account, expected, broker, tolerance));
        }
        return out;
    }

    private static List<DailyReport.BreakLine> breaks(Connection c, Instant from, Instant to) throws SQLException {
        List<DailyReport.BreakLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account, kind, subject, opened_at, resolved_at, summary from "
                + "recon_breaks where (opened_at >= ? and opened_at < ?) or (resolved_at >= ? and resolved_at < ?) or "
                + "resolved_at is null order by opened_at, break_id")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(5);
                    out.add(new DailyReport.BreakLine(rs.getString(1), BreakKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), resolved == null ? null : resolved.toInstant(), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static List<DailyReport.RejectCount> rejects(Connection c, Instant from, Instant to) throws SQLException {
        List<DailyReport.RejectCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select reject_code, count(*), min(reject_reason) from orders "
                + "where state = 'REJECTED' and created_at >= ? and created_at < ? group by reject_code order by 2 desc, 1")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyReport.RejectCount(rs.getString(1) == null ? "-" : rs.getString(1), rs.getLong(2),
                            rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** The adapter's budget metrics (kis.budget.*), per app key label and priority. */
    private List<DailyReport.RateBudgetLine> rateBudget() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Timer> waits = new HashMap<>();
        for (Meter m : meters.getMeters()) {
            String name = m.getId().getName();
            if (!name.startsWith("kis.budget.")) {
                continue;
            }
            String key = m.getId().getTag("app_key") + "|" + (m.getId().getTag("priority") == null ? "ALL" : m.getId().getTag("priority"));
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            if (m instanceof Counter counter) {
                long v = (long) counter.count();
                switch (name) {
                    case "kis.budget.permits" -> c[0] += v;
                    case "kis.budget.refusals" -> c[1] += v;
                    case "kis.budget.egw00201" -> c[2] += v;
                    default -> { }
                }
            } else if (m instanceof Timer timer && name.equals("kis.budget.wait")) {
                waits.put(key, timer);
            }
        }
        List<DailyReport.RateBudgetLine> out = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\\|");
            Timer wait = waits.get(key);
            out.add(new DailyReport.RateBudgetLine(parts[0], parts[1], c[0], percentileMs(wait, 0.5), percentileMs(wait, 0.99),
                    c[1], c[2]));
        });
        return out;
    }

    private static long percentileMs(Timer timer, double p) {
        if (timer == null) {
            return 0;
        }
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return Math.round(v.value(java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        }
        return Math.round(timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private static List<DailyReport.RunLine> runs(Connection c, Instant from, Instant to) throws SQLException {
        List<DailyReport.RunLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account, trigger, started_at, finished_at, outcome, "
                + "coalesce(orders_compared, 0), coalesce(fills_compared, 0), coalesce(settled, 0), coalesce(breaks_opened, 0), "
                + "coalesce(breaks_resolved, 0) from recon_runs where started_at >= ? and started_at < ? order by run_id")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(4);
                    out.add(new DailyReport.RunLine(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            finished == null ? null : finished.toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7),
                            rs.getInt(8), rs.getInt(9), rs.getInt(10)));
                }
            }
        }
        return out;
    }

    /** Intake to KIS acknowledgement per order: from the order's creation to its first ACK event. */
    private static List<Long> latencies(Connection c, Instant from, Instant to) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select extract(epoch from (min(e.occurred_at) - o.created_at)) * 1000 "
                + "from orders o join order_events e on e.order_id = o.order_id and e.event_type = 'ACK' "
                + "where o.created_at >= ? and o.created_at < ? group by o.order_id, o.created_at")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Math.max(0, Math.round(rs.getDouble(1))));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(from));
        ps.setTimestamp(2, Timestamp.from(to));
    }
}
