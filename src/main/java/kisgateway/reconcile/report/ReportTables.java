package kisgateway.reconcile.report;

import static kisgateway.reconcile.report.ReportCells.decimal;
import static kisgateway.reconcile.report.ReportCells.number;
import static kisgateway.reconcile.report.ReportCells.text;
import static kisgateway.reconcile.report.ReportCells.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The report's tables in their one formatted form, rows sorted. Both writers take their text from here.
 */
public final class ReportTables {

    private ReportTables() {
    }

    public static List<ReportTable> of(DailyReport r) {
        List<ReportTable> tables = new ArrayList<>();
        tables.add(table("stream_incidents", "Stream incidents", r.reliability().incidents(),
                Comparator.comparing(ReliabilityDay.StreamIncidentLine::startedAt)
                        .thenComparing(ReliabilityDay.StreamIncidentLine::account)
                        .thenComparing(ReliabilityDay.StreamIncidentLine::kind),
                cols("account", "app_key", "kind", "started_at", "ended_at", "#duration_seconds", "#fills_recovered",
                        "detail"),
                i -> List.of(text(i.account()), text(i.appKey()), i.kind(), time(i.startedAt()), time(i.endedAt()),
                        number(i.duration(r.generatedAt()).toSeconds()), number(i.fillsRecovered()), text(i.detail()))));
        tables.add(table("reject_codes", "Rejects and denials by code", r.reliability().rejectCodes(),
                Comparator.comparing(ReliabilityDay.RejectCode::count).reversed()
                        .thenComparing(ReliabilityDay.RejectCode::source).thenComparing(ReliabilityDay.RejectCode::code),
                cols("source", "code", "#count"),
                c -> List.of(c.source(), text(c.code()), number(c.count()))));
        tables.add(table("reliability_trend", "Reliability over the last trading days", r.reliability().trend(),
                null, cols("date", "#acked", "#ack_p95_ms", "#kis_rejected", "#reject_rate_percent", "#denied",
                        "#stream_incidents", "#incident_seconds"),
                t -> List.of(t.date().toString(), number(t.acked()), t.ackP95Ms() == null ? "" : number(t.ackP95Ms()),
                        number(t.kisRejected()), t.rejectRate().map(x -> String.format(java.util.Locale.ROOT, "%.1f",
                                x * 100)).orElse(""), number(t.denied()), number(t.incidents()),
                        number(t.incidentSeconds()))));
        tables.add(table("orders_by_state", "Orders by state", r.ordersByState(),
                Comparator.comparing(DailyReport.OrderStateCount::account)
                        .thenComparing(DailyReport.OrderStateCount::state),
                cols("account", "state", "#orders"),
                s -> List.of(text(s.account()), s.state().name(), number(s.orders()))));
        tables.add(table("fills", "Fills", r.fills(),
                Comparator.comparing(DailyReport.FillTotal::account).thenComparing(DailyReport.FillTotal::symbol)
                        .thenComparing(DailyReport.FillTotal::side),
                cols("account", "symbol", "side", "#fills", "#quantity", "#notional"),
                f -> List.of(text(f.account()), text(f.symbol()), f.side().name(), number(f.fills()),
                        number(f.quantity()), decimal(f.notional()))));
        tables.add(table("positions", "Positions: gateway against KIS", r.positions(),
                Comparator.comparing(DailyReport.PositionLine::account).thenComparing(DailyReport.PositionLine::symbol),
                cols("account", "symbol", "#local_quantity", "#broker_quantity", "#local_avg_price",
                        "#broker_avg_price", "status"),
                p -> List.of(text(p.account()), text(p.symbol()), number(p.localQuantity()),
                        number(p.brokerQuantity()), decimal(p.localAvgPrice()), decimal(p.brokerAvgPrice()),
                        p.agrees() ? "AGREES" : "DIFFERS")));
        tables.add(table("cash", "Cash: expected against KIS", r.cash(),
                Comparator.comparing(DailyReport.CashLine::account),
                cols("account", "#expected", "#broker", "#difference", "#tolerance", "status"),
                c -> List.of(text(c.account()), decimal(c.expected()), decimal(c.broker()), decimal(c.difference()),
                        decimal(c.tolerance()), c.status().name())));
        tables.add(table("breaks", "Breaks", r.breaks(),
                Comparator.comparing(DailyReport.BreakLine::openedAt).thenComparing(DailyReport.BreakLine::account)
                        .thenComparing(DailyReport.BreakLine::kind).thenComparing(DailyReport.BreakLine::subject),
                cols("account", "kind", "subject", "opened_at", "resolved_at", "#age_seconds", "status", "summary"),
                b -> List.of(text(b.account()), b.kind().name(), text(b.subject()), time(b.openedAt()),
                        time(b.resolvedAt()), number(b.age(r.generatedAt()).toSeconds()),
                        b.open() ? "OPEN" : "RESOLVED", text(b.summary()))));
        tables.add(table("rejects", "Rejects by msg_cd", r.rejects(),
                Comparator.comparing(DailyReport.RejectCount::count).reversed()
                        .thenComparing(DailyReport.RejectCount::msgCd),
                cols("msg_cd", "#count", "sample"),
                x -> List.of(text(x.msgCd()), number(x.count()), text(x.sampleText()))));
        tables.add(table("rate_budget", "Rate budget", r.rateBudget(),
                Comparator.comparing(DailyReport.RateBudgetLine::appKey)
                        .thenComparing(DailyReport.RateBudgetLine::priority),
                cols("app_key", "priority", "#permits", "#wait_p50_ms", "#wait_p99_ms", "#refusals", "#egw00201"),
                b -> List.of(text(b.appKey()), text(b.priority()), number(b.permits()), number(b.waitP50Ms()),
                        number(b.waitP99Ms()), number(b.refusals()), number(b.egw00201()))));
        tables.add(table("reconnects", "WebSocket sessions", r.reconnects(),
                Comparator.comparing(DailyReport.ReconnectLine::session),
                cols("session", "#reconnects", "#disconnects", "#stale_periods", "#stale_seconds"),
                s -> List.of(text(s.session()), number(s.reconnects()), number(s.disconnects()),
                        number(s.stalePeriods()), number(s.staleSeconds()))));
        tables.add(table("runs", "Reconciliation runs", r.runs(),
                Comparator.comparing(DailyReport.RunLine::startedAt).thenComparing(DailyReport.RunLine::account),
                cols("account", "trigger", "started_at", "finished_at", "outcome", "#orders_compared",
                        "#fills_compared", "#settled", "#breaks_opened", "#breaks_resolved"),
                x -> List.of(text(x.account()), text(x.trigger()), time(x.startedAt()), time(x.finishedAt()),
                        text(x.outcome()), number(x.ordersCompared()), number(x.fillsCompared()), number(x.settled()),
                        number(x.breaksOpened()), number(x.breaksResolved()))));
        tables.add(table("app_keys", "App keys: expiry and last use", r.appKeys(),
                Comparator.comparing(DailyReport.AppKeyLine::appKey),
                cols("app_key", "accounts", "expires_on", "#expiry_days_left", "last_success", "#idle_seconds", "status"),
                k -> List.of(text(k.appKey()), text(k.accounts()), k.expiresOn() == null ? "" : k.expiresOn().toString(),
                        k.expiryDaysLeft() == null ? "" : number(k.expiryDaysLeft()), time(k.lastSuccess()),
                        number(k.idleSeconds()), k.warning() ? "WARNING" : "OK")));
        tables.add(table("latency", "Order latency, intake to ACK", LatencyHistogram.buckets(r.orderLatenciesMs()),
                null, cols("bucket_ms", "#from_ms", "#to_ms", "#orders"),
                b -> List.of(b.label(), number(b.fromMs()), b.toMs() < 0 ? "" : number(b.toMs()), number(b.count()))));
        return List.copyOf(tables);
    }

    /** Column names; a leading '#' marks a numeric column. */
    private static List<String> cols(String... names) {
        return List.of(names);
    }

    private static <T> ReportTable table(String name, String title, List<T> items, Comparator<T> order,
                                         List<String> columns, Function<T, List<String>> row) {
        List<T> sorted = order == null ? items : items.stream().sorted(order).toList();
        List<String> names = columns.stream().map(c -> c.startsWith("#") ? c.substring(1) : c).toList();
        List<Boolean> numeric = columns.stream().map(c -> c.startsWith("#")).toList();
        return new ReportTable(name, title, names, numeric, sorted.stream().map(row).toList());
    }
}
