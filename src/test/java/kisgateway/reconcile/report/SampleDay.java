package kisgateway.reconcile.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.reconcile.BreakKind;

/** A representative trading day for the report tests. */
final class SampleDay {

    static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    private SampleDay() {
    }

    static Instant kst(int h, int m) {
        return ZonedDateTime.of(2026, 11, 20, h, m, 0, 0, ZoneId.of("Asia/Seoul")).toInstant();
    }

    static List<Long> latencies() {
        List<Long> out = new ArrayList<>();
        long[] values = {3, 4, 7, 8, 9, 12, 14, 15, 18, 25, 31, 44, 48, 60, 75, 90, 120, 180, 240, 480, 900, 2500};
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    /** A day with drift: two breaks still open, one resolved, a position and a cash figure apart. */
    static DailyReport unclean() {
        return new DailyReport(DATE, kst(15, 40), List.of("acct1", "acct2"),
                List.of(new DailyReport.OrderStateCount("acct1", OrderState.FILLED, 41),
                        new DailyReport.OrderStateCount("acct1", OrderState.CANCELED, 6),
                        new DailyReport.OrderStateCount("acct1", OrderState.REJECTED, 2),
                        new DailyReport.OrderStateCount("acct2", OrderState.FILLED, 9)),
                List.of(new DailyReport.FillTotal("acct1", "005930", Side.BUY, 30, 300, new BigDecimal("21300000.0000")),
                        new DailyReport.FillTotal("acct1", "005930", Side.SELL, 11, 110, new BigDecimal("7821000")),
                        new DailyReport.FillTotal("acct2", "000660", Side.BUY, 9, 9, new BigDecimal("1620000"))),
                List.of(new DailyReport.PositionLine("acct1", "005930", 190, 190, new BigDecimal("70950.5000"),
                                new BigDecimal("70951")),
                        new DailyReport.PositionLine("acct2", "000660", 9, 10, new BigDecimal("180000"),
                                new BigDecimal("180000"))),
                List.of(new DailyReport.CashLine("acct1", new BigDecimal("10000000"), new BigDecimal("9999500"),
                                new BigDecimal("1000")),
                        new DailyReport.CashLine("acct2", new BigDecimal("5000000"), new BigDecimal("4820000"),
                                new BigDecimal("1000"))),
                List.of(new DailyReport.BreakLine("acct1", BreakKind.ORDER_STATUS, "00000000-0000-0000-0000-000000000007",
                                kst(9, 5), kst(10, 20), "KIS shows CANCELED, the order is ACKED"),
                        new DailyReport.BreakLine("acct2", BreakKind.POSITION_QUANTITY, "000660", kst(13, 2), null,
                                "holding 9 locally, 10 at KIS"),
                        new DailyReport.BreakLine("acct2", BreakKind.CASH, "cash", kst(13, 2), null,
                                "expected 5000000, KIS reports 4820000 <b>check</b>")),
                List.of(new DailyReport.RejectCount("APBK0952", 2, "주문가능금액을 초과 했습니다   "),
                        new DailyReport.RejectCount("40580000", 1, "모의투자 장종료 입니다, \"다시\" 시도")),
                List.of(new DailyReport.RateBudgetLine("appkey-1", "ORDER", 58, 2, 48, 0, 0),
                        new DailyReport.RateBudgetLine("appkey-1", "QUERY", 410, 30, 880, 3, 1)),
                List.of(new DailyReport.ReconnectLine("appkey-1", 3, 2, 1, 42)),
                List.of(new DailyReport.RunLine("acct1", "STARTUP", kst(8, 0), kst(8, 0).plusSeconds(4), "SUCCEEDED",
                                0, 0, 0, 0, 0),
                        new DailyReport.RunLine("acct1", "TIMER", kst(10, 20), kst(10, 20).plusSeconds(3), "SUCCEEDED",
                                49, 41, 1, 0, 1),
                        new DailyReport.RunLine("acct2", "TIMER", kst(13, 2), kst(13, 2).plusSeconds(2), "SUCCEEDED",
                                9, 9, 0, 2, 0)),
                latencies(),
                List.of(new DailyReport.AppKeyLine("1a2b3c4d", "acct1 acct2", java.time.LocalDate.of(2026, 12, 10), 20L,
                        kst(15, 39), 60, true)),
                reliability());
    }

    /**
     * The day's reliability: 51 acknowledged, 2 + 1 KIS rejects, a denial; a drop of 4 s, a stale period of 40 s
     * with a gap of 2 fills; and a trend of five trading days, one without any acknowledged order.
     */
    static ReliabilityDay reliability() {
        List<ReliabilityDay.TrendDay> trend = List.of(
                new ReliabilityDay.TrendDay(DATE.minusDays(6), 40, 180L, 1, 0, 0, 0),
                new ReliabilityDay.TrendDay(DATE.minusDays(5), 0, null, 0, 0, 1, 12),
                new ReliabilityDay.TrendDay(DATE.minusDays(4), 38, 150L, 0, 2, 0, 0),
                new ReliabilityDay.TrendDay(DATE.minusDays(3), 55, 210L, 2, 0, 2, 30),
                new ReliabilityDay.TrendDay(DATE, 51, 900L, 3, 1, 3, 84));
        return new ReliabilityDay(List.of(30L, 35L, 40L, 45L, 50L, 55L, 60L, 70L, 80L, 600L), 51,
                List.of(new ReliabilityDay.RejectCode("kis", "APBK0952", 2), new ReliabilityDay.RejectCode("kis",
                                "40580000", 1), new ReliabilityDay.RejectCode("gateway", "MAX_ORDER_NOTIONAL", 1)),
                List.of(new ReliabilityDay.StreamIncidentLine("acct1", "appkey-1", "DISCONNECT", kst(10, 0),
                                kst(10, 0).plusSeconds(4), 0, "closed 1006"),
                        new ReliabilityDay.StreamIncidentLine("acct1", "appkey-1", "STALE", kst(11, 0),
                                kst(11, 0).plusSeconds(40), 0, "seen by the stream's watch"),
                        new ReliabilityDay.StreamIncidentLine("acct1", "appkey-1", "GAP", kst(11, 0).plusSeconds(40),
                                kst(11, 1), 2, "2 fills recovered by a backfill")),
                trend);
    }

    /** The same day with everything settled. */
    static DailyReport clean() {
        DailyReport u = unclean();
        return new DailyReport(u.tradingDate(), u.generatedAt(), u.accounts(), u.ordersByState(), u.fills(),
                List.of(u.positions().get(0)), List.of(u.cash().get(0)), List.of(u.breaks().get(0)), u.rejects(),
                u.rateBudget(), u.reconnects(), u.runs(), u.orderLatenciesMs(), u.appKeys(), u.reliability());
    }
}
