package kisgateway.reconcile.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.BreakKind;

/**
 * The day's report data, filled by the integrator from the database and the metrics; rendered as CSV files and
 * one HTML page. Rows may come in any order: the tables sort them.
 *
 * @param generatedAt     when the data was read: the age of a break still open is measured to it
 * @param breaks          breaks opened today, resolved today, and still open from earlier days
 * @param orderLatenciesMs intake to ACK, one sample per acknowledged order of the day
 * @param appKeys         each app key's expiry and idle time when the report was made
 */
public record DailyReport(LocalDate tradingDate, Instant generatedAt, List<String> accounts,
                          List<OrderStateCount> ordersByState, List<FillTotal> fills, List<PositionLine> positions,
                          List<CashLine> cash, List<BreakLine> breaks, List<RejectCount> rejects,
                          List<RateBudgetLine> rateBudget, List<ReconnectLine> reconnects, List<RunLine> runs,
                          List<Long> orderLatenciesMs, List<AppKeyLine> appKeys, ReliabilityDay reliability) {

    /** A report whose reliability figures were not measured. */
    public DailyReport(LocalDate tradingDate, Instant generatedAt, List<String> accounts,
                       List<OrderStateCount> ordersByState, List<FillTotal> fills, List<PositionLine> positions,
                       List<CashLine> cash, List<BreakLine> breaks, List<RejectCount> rejects,
                       List<RateBudgetLine> rateBudget, List<ReconnectLine> reconnects, List<RunLine> runs,
                       List<Long> orderLatenciesMs, List<AppKeyLine> appKeys) {
        this(tradingDate, generatedAt, accounts, ordersByState, fills, positions, cash, breaks, rejects, rateBudget,
                reconnects, runs, orderLatenciesMs, appKeys, ReliabilityDay.notMeasured());
    }

    /** A report without app-key lines (a gateway that has none to show). */
    public DailyReport(LocalDate tradingDate, Instant generatedAt, List<String> accounts,
                       List<OrderStateCount> ordersByState, List<FillTotal> fills, List<PositionLine> positions,
                       List<CashLine> cash, List<BreakLine> breaks, List<RejectCount> rejects,
                       List<RateBudgetLine> rateBudget, List<ReconnectLine> reconnects, List<RunLine> runs,
                       List<Long> orderLatenciesMs) {
        this(tradingDate, generatedAt, accounts, ordersByState, fills, positions, cash, breaks, rejects, rateBudget,
                reconnects, runs, orderLatenciesMs, List.of());
    }

    public DailyReport {
        Objects.requireNonNull(tradingDate, "tradingDate");
        Objects.requireNonNull(generatedAt, "generatedAt");
        accounts = List.copyOf(accounts);
        ordersByState = List.copyOf(ordersByState);
        fills = List.copyOf(fills);
        positions = List.copyOf(positions);
        cash = List.copyOf(cash);
        breaks = List.copyOf(breaks);
        rejects = List.copyOf(rejects);
        rateBudget = List.copyOf(rateBudget);
        reconnects = List.copyOf(reconnects);
        runs = List.copyOf(runs);
        orderLatenciesMs = List.copyOf(orderLatenciesMs);
        appKeys = List.copyOf(appKeys);
        Objects.requireNonNull(reliability, "reliability");
    }

    /**
     * An app key's liveness (never the key: its label).
     *
     * @param expiresOn null when not configured (sim mode)
     * @param lastSuccess null when the key has not been used since the gateway first saw it
     */
    public record AppKeyLine(String appKey, String accounts, LocalDate expiresOn, Long expiryDaysLeft,
                             Instant lastSuccess, long idleSeconds, boolean warning) {
    }

    /** Orders of the day in one state. */
    public record OrderStateCount(String account, OrderState state, long orders) {
    }

    /** Fills of the day per symbol and side; notional = sum of price x quantity, KRW. */
    public record FillTotal(String account, String symbol, Side side, long fills, long quantity, BigDecimal notional) {
    }

    /** A position locally and at the broker; it agrees when the quantities do (prices are judged by breaks). */
    public record PositionLine(String account, String symbol, long localQuantity, long brokerQuantity,
                               BigDecimal localAvgPrice, BigDecimal brokerAvgPrice) {
        public boolean agrees() {
            return localQuantity == brokerQuantity;
        }
    }

    /**
     * Expected cash against the broker's figure.
     *
     * @param expected null when the gateway has no expectation (not checked)
     */
    public record CashLine(String account, BigDecimal expected, BigDecimal broker, BigDecimal tolerance) {
        public CashStatus status() {
            if (expected == null || broker == null) {
                return CashStatus.NOT_CHECKED;
            }
            return expected.subtract(broker).abs().compareTo(tolerance) > 0 ? CashStatus.DIFFERS : CashStatus.AGREES;
        }

        /** expected - broker, or null when not checked */
        public BigDecimal difference() {
            return expected == null || broker == null ? null : expected.subtract(broker);
        }
    }

    public enum CashStatus {
        AGREES,
        DIFFERS,
        NOT_CHECKED
    }

    /** A break, open or resolved. */
    public record BreakLine(String account, BreakKind kind, String subject, Instant openedAt, Instant resolvedAt,
                            String summary) {
        public boolean open() {
            return resolvedAt == null;
        }

        /** Until resolved, or until the report's time while open. */
        public Duration age(Instant at) {
            return Duration.between(openedAt, resolvedAt == null ? at : resolvedAt);
        }
    }

    /** Rejections by KIS msg_cd, with one msg1 text as a sample. */
    public record RejectCount(String msgCd, long count, String sampleText) {
    }

    /** The rate budget of one app key and priority over the day. */
    public record RateBudgetLine(String appKey, String priority, long permits, long waitP50Ms, long waitP99Ms,
                                 long refusals, long egw00201) {
    }

    /**
     * A WebSocket session's (app key's) day, from the stream's incidents (stream_incidents), whichever instance
     * held it: drops and how many of them a reconnect ended, stale periods and their seconds within the day.
     */
    public record ReconnectLine(String session, long reconnects, long disconnects, long stalePeriods,
                                long staleSeconds) {
    }

    /** A reconciliation run ({@code recon_runs}); finishedAt null while running. */
    public record RunLine(String account, String trigger, Instant startedAt, Instant finishedAt, String outcome,
                          int ordersCompared, int fillsCompared, int settled, int breaksOpened, int breaksResolved) {
    }
}
