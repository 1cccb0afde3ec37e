package kisgateway.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kisgateway.reconcile.BreakKind;
import org.junit.jupiter.api.Test;

class ReportPartsTest {

    @Test
    void csvFieldsAreQuotedOnlyWhenRfc4180NeedsIt() {
        assertThat(ReportCsvWriter.line(List.of("plain", "a,b", "say \"hi\"", "two\r\nlines", "", "삼성전자")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,삼성전자\r\n");
        assertThat(CsvRows.parse(ReportCsvWriter.line(List.of("a,b", "say \"hi\"", "two\r\nlines"))))
                .containsExactly(List.of("a,b", "say \"hi\"", "two\r\nlines"));
    }

    @Test
    void decimalsArePlainStrings() {
        assertThat(ReportCells.decimal(new java.math.BigDecimal("1E+7"))).isEqualTo("10000000");
        assertThat(ReportCells.decimal(new java.math.BigDecimal("70950.5000"))).isEqualTo("70950.5");
        assertThat(ReportCells.decimal(new java.math.BigDecimal("0.0000"))).isEqualTo("0");
        assertThat(ReportCells.decimal(null)).isEmpty();
    }

    @Test
    void latencyBucketsAndPercentiles() {
        List<LatencyHistogram.Bucket> b = LatencyHistogram.buckets(List.of(0L, 4L, 5L, 1999L, 2000L, 90000L));
        assertThat(b).extracting(LatencyHistogram.Bucket::count).containsExactly(2L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L);
        assertThat(b.get(0).label()).isEqualTo("0-5");
        assertThat(b.get(9).label()).isEqualTo(">=2000");
        assertThat(LatencyHistogram.percentile(List.of(5L, 1L, 3L, 2L, 4L), 50)).isEqualTo(3);
        assertThat(LatencyHistogram.percentile(List.of(5L, 1L, 3L, 2L, 4L), 99)).isEqualTo(5);
        assertThat(LatencyHistogram.percentile(List.of(), 50)).isEqualTo(-1);
    }

    @Test
    void theBreaksChartWidensToEventsOutsideTradingHoursAndSkipsOtherDays() {
        List<DailyReport.BreakLine> breaks = List.of(
                new DailyReport.BreakLine("a", BreakKind.CASH, "cash", SampleDay.kst(7, 30), SampleDay.kst(20, 10), "x"),
                new DailyReport.BreakLine("a", BreakKind.CASH, "cash2", SampleDay.kst(9, 0).minusSeconds(86400), null, "y"));
        List<BreaksOverDay.Hour> hours = BreaksOverDay.of(SampleDay.DATE, breaks);
        assertThat(hours).extracting(BreaksOverDay.Hour::hour).startsWith(7).endsWith(20).hasSize(14);
        assertThat(hours.stream().mapToLong(BreaksOverDay.Hour::opened).sum()).isEqualTo(1);
        assertThat(hours.get(0).opened()).isEqualTo(1);
        assertThat(hours.get(13).resolved()).isEqualTo(1);
    }

    @Test
    void anEmptyDayStillRendersEveryTableAndBothCharts() {
        DailyReport empty = new DailyReport(SampleDay.DATE, SampleDay.kst(15, 40), List.of("acct1"), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        var doc = org.jsoup.Jsoup.parse(ReportHtmlRenderer.render(empty));
        assertThat(doc.select("table")).hasSize(14);
        assertThat(doc.select("p.empty")).hasSize(14);
        // nothing measured: every figure says so, none is a zero
        assertThat(doc.getElementById("ack-intake").text()).isEqualTo("not measured: no order was acknowledged");
        assertThat(doc.getElementById("ack-request").attr("data-measured")).isEqualTo("false");
        assertThat(doc.getElementById("reject-rate").text())
                .isEqualTo("not measured: KIS answered no order today; gateway denials: 0");
        assertThat(doc.getElementById("stream-incidents").text()).isEqualTo("none recorded");
        assertThat(doc.select("svg#chart-breaks rect.bar")).hasSize(24);
        assertThat(doc.select("svg#chart-latency rect.bar")).hasSize(10);
        assertThat(doc.getElementById("headline").text()).isEqualTo("NOT clean: 0 open breaks, no reconciliation run");
    }

    @Test
    void theSessionsLinesComeFromTheDaysIncidentsWhoeverRecordedThem() {
        java.time.Instant at = SampleDay.kst(15, 40);
        List<ReliabilityDay.StreamIncidentLine> incidents = List.of(
                // a drop from the evening before, ended by a reconnect this morning: a reconnect, not a drop, today
                new ReliabilityDay.StreamIncidentLine("a", "k1", "DISCONNECT", SampleDay.kst(0, 0).minusSeconds(60),
                        SampleDay.kst(0, 0).plusSeconds(5), 0, ""),
                new ReliabilityDay.StreamIncidentLine("a", "k1", "DISCONNECT", SampleDay.kst(10, 0),
                        SampleDay.kst(10, 0).plusSeconds(2), 0, ""),
                new ReliabilityDay.StreamIncidentLine("a", "k1", "STALE", SampleDay.kst(11, 0),
                        SampleDay.kst(11, 0).plusSeconds(30), 0, ""),
                // still stale when the report is made: measured up to then
                new ReliabilityDay.StreamIncidentLine("a", "k1", "STALE", SampleDay.kst(15, 39), null, 0, ""),
                new ReliabilityDay.StreamIncidentLine("a", "k1", "GAP", SampleDay.kst(11, 0), SampleDay.kst(11, 1), 1, ""));
        assertThat(StreamSessionDays.of(List.of("k1", "k2"), incidents, SampleDay.DATE, at)).containsExactly(
                new DailyReport.ReconnectLine("k1", 2, 1, 2, 90),
                new DailyReport.ReconnectLine("k2", 0, 0, 0, 0));
    }
}
