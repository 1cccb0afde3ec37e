package kisgateway.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders a representative day into files (kept under target/report-sample for a look in a browser) and reads
 * them back: the HTML with jsoup, the CSV with a strict RFC 4180 reader.
 */
class DailyReportFilesTest {

    private static final List<String> CSV_FILES = List.of("stream_incidents.csv", "reject_codes.csv",
            "reliability_trend.csv", "orders_by_state.csv", "fills.csv", "positions.csv",
            "cash.csv", "breaks.csv", "rejects.csv", "rate_budget.csv", "reconnects.csv", "runs.csv", "app_keys.csv",
            "latency.csv");

    private static ReportSummary summary;
    private static Document html;
    private static String htmlText;

    @BeforeAll
    static void render() throws Exception {
        Path root = Path.of("target", "report-sample");
        summary = DailyReportWriter.write(SampleDay.unclean(), root);
        htmlText = Files.readString(summary.html(), StandardCharsets.UTF_8);
        html = Jsoup.parse(htmlText);
    }

    @Test
    void filesLandInTheDaysDirectory() {
        assertThat(summary.directory()).isEqualTo(Path.of("target", "report-sample", "2026-11-20"));
        assertThat(summary.html().getFileName()).hasToString("report.html");
        assertThat(summary.csvFiles()).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(CSV_FILES);
        summary.csvFiles().forEach(p -> assertThat(p).exists().isRegularFile());
    }

    @Test
    void theSummaryCountsTheDay() {
        assertThat(summary.tradingDate()).hasToString("2026-11-20");
        assertThat(summary.clean()).isFalse();
        assertThat(summary.openBreaks()).isEqualTo(2);
        assertThat(summary.breaksOpenedToday()).isEqualTo(3);
        assertThat(summary.breaksResolvedToday()).isEqualTo(1);
        // the one resolved break took 09:05 to 10:20
        assertThat(summary.mttrSeconds()).isEqualTo(4500.0);
        assertThat(summary.positionMismatches()).isEqualTo(1);
        assertThat(summary.cashMismatches()).isEqualTo(1);
        assertThat(summary.orders()).isEqualTo(58);
        assertThat(summary.fills()).isEqualTo(50);
        assertThat(summary.rejects()).isEqualTo(3);
        assertThat(summary.headline()).isEqualTo(html.getElementById("headline").text());
    }

    @Test
    void thePageShowsTheDaysMttrAndTheOldestOpenBreaksAge() {
        // resolved 09:05 -> 10:20; the two still open since 13:02, the page made at 15:40
        assertThat(html.getElementById("break-resolution").text())
                .contains("breaks resolved today: 1, MTTR 1h 15m").contains("open: 2, oldest 2h 38m");
    }

    @Test
    void theReliabilitySectionLeadsWithTheDaysFigures() {
        Element section = html.getElementById("reliability");
        assertThat(section).isNotNull();
        // it comes before every other chart and table of the page
        assertThat(html.select("section").first()).isSameAs(section);
        // nearest rank over the ten intake samples of SampleDay.latencies() and the ten request samples
        assertThat(html.getElementById("ack-request").text()).isEqualTo("p95 600 ms, p99 600 ms over 10 orders");
        assertThat(html.getElementById("ack-intake").attr("data-measured")).isEqualTo("true");
        assertThat(html.getElementById("reject-rate").text())
                .isEqualTo("5.6 % (3 of 54 orders KIS answered were rejected); gateway denials: 1");
        assertThat(html.getElementById("top-codes").text())
                .isEqualTo("APBK0952 (kis) 2, 40580000 (kis) 1, MAX_ORDER_NOTIONAL (gateway) 1");
        assertThat(html.getElementById("stream-incidents").text())
                .isEqualTo("3 (disconnect 1, gap 1, stale 1), 1m 4s in all; fills recovered by backfill: 2");
        assertThat(html.getElementById("break-mttr").text()).startsWith("breaks resolved today: 1, MTTR 1h 15m");
        assertThat(section.select("table#stream_incidents tbody tr")).hasSize(3);
        assertThat(section.select("table#stream_incidents tbody tr").get(0).text())
                .isEqualTo("acct1 appkey-1 DISCONNECT 2026-11-20T10:00:00+09:00 2026-11-20T10:00:04+09:00 4 0 closed 1006");
    }

    @Test
    void theTrendChartHasABarPerTradingDayAndSaysWhichWereNotMeasured() {
        var bars = html.select("svg#chart-trend-latency rect.bar");
        assertThat(bars).extracting(e -> e.attr("data-count")).containsExactly("180", "150", "210", "900");
        assertThat(html.select("svg#chart-trend-latency text.na")).singleElement()
                .satisfies(e -> assertThat(e.attr("data-group")).isEqualTo("11-15"));
        assertThat(html.select("svg#chart-trend-incidents rect.bar[data-series=stream incidents]"))
                .extracting(e -> e.attr("data-count")).containsExactly("0", "1", "0", "2", "3");
    }

    @Test
    void theAppKeysTableSaysEachKeysExpiryAndIdleTimeAndWarns() throws Exception {
        List<String> lines = Files.readAllLines(summary.directory().resolve("app_keys.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("app_key,accounts,expires_on,expiry_days_left,last_success,idle_seconds,status");
        assertThat(lines.get(1)).startsWith("1a2b3c4d,acct1 acct2,2026-12-10,20,").endsWith(",60,WARNING");
    }

    @Test
    void everyHtmlTableHoldsExactlyTheCsvsCells() throws Exception {
        for (Path csv : summary.csvFiles()) {
            String name = csv.getFileName().toString().replace(".csv", "");
            List<List<String>> rows = CsvRows.parse(Files.readString(csv, StandardCharsets.UTF_8));
            Element table = html.getElementById(name);
            assertThat(table).as(name).isNotNull();
            assertThat(table.attr("data-csv")).isEqualTo(csv.getFileName().toString());
            List<List<String>> shown = new ArrayList<>();
            // Element::text per cell: jsoup's eachText() would drop the empty ones
            shown.add(table.select("thead th").stream().map(Element::text).toList());
            for (Element tr : table.select("tbody tr")) {
                shown.add(tr.select("td").stream().map(Element::text).toList());
            }
            assertThat(shown).as(name).isEqualTo(rows);
        }
    }

    @Test
    void theTablesHoldTheExpectedRows() throws Exception {
        Map<String, Integer> expected = new TreeMap<>(Map.of("orders_by_state", 4, "fills", 3, "positions", 2,
                "cash", 2, "breaks", 3, "rejects", 2, "rate_budget", 2, "reconnects", 1, "runs", 3, "latency", 10));
        expected.forEach((name, count) -> assertThat(html.select("table#" + name + " tbody tr")).as(name).hasSize(count));
        List<List<String>> fills = CsvRows.parse(Files.readString(summary.directory().resolve("fills.csv")));
        assertThat(fills.get(0)).containsExactly("account", "symbol", "side", "fills", "quantity", "notional");
        assertThat(fills.get(1)).containsExactly("acct1", "005930", "BUY", "30", "300", "21300000");
        List<List<String>> breaks = CsvRows.parse(Files.readString(summary.directory().resolve("breaks.csv")));
        assertThat(breaks.get(1)).containsExactly("acct1", "ORDER_STATUS", "00000000-0000-0000-0000-000000000007",
                "2026-11-20T09:05:00+09:00", "2026-11-20T10:20:00+09:00", "4500", "RESOLVED",
                "KIS shows CANCELED, the order is ACKED");
        assertThat(breaks.get(2).get(5)).as("open: aged to the report's time").isEqualTo("9480");
    }

    @Test
    void koreanAndMarkupInTextAreKeptAsTextNeverAsMarkup() throws Exception {
        assertThat(htmlText).contains("<meta charset=\"utf-8\">");
        assertThat(html.select("table#rejects tbody tr").get(0).select("td").get(2).text())
                .isEqualTo("주문가능금액을 초과 했습니다");
        assertThat(html.select("table#rejects tbody tr").get(1).select("td").get(2).text())
                .isEqualTo("모의투자 장종료 입니다, \"다시\" 시도");
        assertThat(html.select("table#breaks b")).isEmpty();
        assertThat(html.select("table#breaks").text()).contains("<b>check</b>");
        String rejects = Files.readString(summary.directory().resolve("rejects.csv"), StandardCharsets.UTF_8);
        assertThat(rejects).contains("40580000,1,\"모의투자 장종료 입니다, \"\"다시\"\" 시도\"\r\n");
    }

    @Test
    void thePageIsSelfContained() {
        assertThat(html.select("script")).isEmpty();
        assertThat(html.select("link")).isEmpty();
        assertThat(html.select("iframe, object, embed, img")).isEmpty();
        for (Element e : html.select("[src], [href], [xlink:href]")) {
            assertThat(e.attr("src") + e.attr("href") + e.attr("xlink:href")).doesNotContain("http://", "https://", "//");
        }
        assertThat(htmlText).doesNotContain("http://", "https://", "@import", "url(", "@font-face");
        assertThat(html.select("style")).hasSize(1);
    }

    @Test
    void theBreaksChartHasAnOpenedAndAResolvedBarPerHourOfTheDay() {
        Element svg = html.getElementById("chart-breaks");
        assertThat(svg.tagName()).isEqualTo("svg");
        // 08..19 KST: 12 hours, two bars each
        assertThat(svg.select("rect.bar")).hasSize(24);
        assertThat(svg.select("rect.bar.opened")).hasSize(12);
        assertThat(countSum(svg.select("rect.bar.opened"))).isEqualTo(3);
        assertThat(countSum(svg.select("rect.bar.resolved"))).isEqualTo(1);
        assertThat(svg.select("rect.bar.opened[data-group=13]").attr("data-count")).isEqualTo("2");
        assertThat(svg.select("rect.bar.resolved[data-group=10]").attr("data-count")).isEqualTo("1");
    }

    @Test
    void theLatencyHistogramHasABarPerBucketAndItsCountsAreTheCsvs() throws Exception {
        Element svg = html.getElementById("chart-latency");
        assertThat(svg.select("rect.bar.latency")).hasSize(LatencyHistogram.BOUNDS.length);
        assertThat(countSum(svg.select("rect.bar.latency"))).isEqualTo(SampleDay.latencies().size());
        List<List<String>> csv = CsvRows.parse(Files.readString(summary.directory().resolve("latency.csv")));
        assertThat(svg.select("rect.bar.latency").eachAttr("data-count"))
                .containsExactlyElementsOf(csv.subList(1, csv.size()).stream().map(r -> r.get(3)).toList());
        assertThat(html.select("figcaption").eachText()).contains(
                "Order latency, intake to ACK: 22 orders, p50 31 ms, p99 2500 ms");
    }

    private static long countSum(List<Element> bars) {
        return bars.stream().mapToLong(e -> Long.parseLong(e.attr("data-count"))).sum();
    }
}
