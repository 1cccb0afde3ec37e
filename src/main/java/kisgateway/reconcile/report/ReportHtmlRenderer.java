package kisgateway.reconcile.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The day's report as ONE self-contained HTML page: inline CSS, inline SVG charts, no script, no link to any
 * other resource, system fonts only. The headline says whether the day is clean; every table is the CSV's table
 * ({@link ReportTables}), so its numbers are the CSV's.
 */
public final class ReportHtmlRenderer {

    public static final String FILE_NAME = "report.html";

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif;
                   margin: 24px; color: #1b1f24; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 28px 0 8px; }
            .meta { color: #57606a; margin: 0 0 12px; }
            .headline { font-size: 20px; font-weight: 600; padding: 14px 18px; border-radius: 6px; }
            .headline.clean { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
            .headline.unclean { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
            .charts { display: flex; flex-wrap: wrap; gap: 24px; }
            figure { margin: 16px 0 0; }
            figcaption { font-weight: 600; margin-bottom: 4px; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border: 1px solid #d0d7de; padding: 4px 8px; }
            th { background: #f6f8fa; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.status-DIFFERS, td.status-OPEN { color: #a40e26; font-weight: 600; }
            td.status-AGREES, td.status-RESOLVED { color: #116329; }
            p.empty { color: #57606a; font-style: italic; margin: 4px 0; }
            svg.chart { background: #fff; border: 1px solid #d0d7de; }
            svg.chart text { font-size: 11px; fill: #57606a; }
            svg.chart line.axis { stroke: #8c959f; }
            .opened { fill: #cf222e; }
            .resolved { fill: #2da44e; }
            .latency { fill: #0969da; }
            .incident { fill: #bf8700; }
            text.na { font-style: italic; }
            #reliability { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 18px 16px; margin-top: 16px; }
            dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
            dl.figures dt { font-weight: 600; }
            dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
            dd.not-measured { color: #57606a; font-style: italic; }
            """;

    private ReportHtmlRenderer() {
    }

    public static Path write(DailyReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
        return file;
    }

    public static String render(DailyReport report) {
        ReportHeadline headline = ReportHeadline.of(report);
        List<ReportTable> tables = ReportTables.of(report);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>kis-gateway daily report ").append(report.tradingDate()).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>kis-gateway daily report · ").append(report.tradingDate()).append("</h1>\n")
                .append("<p class=\"meta\">accounts: ").append(esc(String.join(", ", report.accounts())))
                .append(" · generated ").append(ReportCells.time(report.generatedAt())).append("</p>\n")
                .append("<div id=\"headline\" class=\"headline ").append(headline.clean() ? "clean" : "unclean")
                .append("\" data-clean=\"").append(headline.clean()).append("\">").append(esc(headline.text()))
                .append("</div>\n")
                .append("<p id=\"break-resolution\" class=\"meta\">").append(esc(BreakResolution.of(report).text()))
                .append(" (each open break's age: the breaks table)</p>\n</header>\n");
        h.append(reliability(report, tables));
        h.append("<section class=\"charts\">\n");
        h.append(breaksChart(report));
        h.append(latencyChart(report));
        h.append("</section>\n");
        for (ReportTable t : tables) {
            if (!RELIABILITY_TABLES.contains(t.name())) {
                h.append(table(t));
            }
        }
        h.append("<footer><p class=\"meta\">The same tables as CSV beside this page: ")
                .append(esc(String.join(", ", tables.stream().map(ReportTable::fileName).toList())))
                .append(". Times are KST.</p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The reliability section's own tables, shown in it rather than with the others. */
    private static final List<String> RELIABILITY_TABLES = List.of("stream_incidents", "reject_codes",
            "reliability_trend");

    /** The section that leads: the day's figures, its incidents and codes, and the trend of the last days. */
    private static String reliability(DailyReport report, List<ReportTable> tables) {
        StringBuilder h = new StringBuilder("<section id=\"reliability\">\n<h2>Reliability</h2>\n<dl class=\"figures\">\n");
        for (ReliabilitySummary.Line line : ReliabilitySummary.of(report)) {
            h.append("<dt>").append(esc(line.label())).append("</dt><dd id=\"").append(line.id())
                    .append("\" data-measured=\"").append(line.measured()).append("\"")
                    .append(line.measured() ? "" : " class=\"not-measured\"").append(">").append(esc(line.text()))
                    .append("</dd>\n");
        }
        h.append("</dl>\n<div class=\"charts\">\n").append(trendCharts(report)).append("</div>\n");
        for (ReportTable t : tables) {
            if (RELIABILITY_TABLES.contains(t.name())) {
                h.append(table(t));
            }
        }
        return h.append("</section>\n").toString();
    }

    private static String trendCharts(DailyReport report) {
        List<ReliabilityDay.TrendDay> days = report.reliability().trend();
        if (days.isEmpty()) {
            return "<p class=\"empty\">trend not measured</p>\n";
        }
        List<String> labels = days.stream().map(d -> String.format("%02d-%02d", d.date().getMonthValue(),
                d.date().getDayOfMonth())).toList();
        String latency = SvgBarChart.render("chart-trend-latency", "p95 intake to ACK per trading day (ms)", "ms",
                labels, List.of(new SvgBarChart.Series("p95 ms", "latency",
                        days.stream().map(ReliabilityDay.TrendDay::ackP95Ms).toList())));
        String incidents = SvgBarChart.render("chart-trend-incidents", "Rejects and stream incidents per trading day",
                "count", labels, List.of(
                        new SvgBarChart.Series("KIS rejects", "opened",
                                days.stream().map(d -> (Long) d.kisRejected()).toList()),
                        new SvgBarChart.Series("stream incidents", "incident",
                                days.stream().map(d -> (Long) d.incidents()).toList())));
        return "<figure>\n<figcaption>p95 acknowledgement latency, last " + days.size()
                + " trading days (n/a: no order acknowledged)</figcaption>\n" + latency + "</figure>\n"
                + "<figure>\n<figcaption>KIS rejects and stream incidents, last " + days.size()
                + " trading days</figcaption>\n" + incidents + "</figure>\n";
    }

    private static String breaksChart(DailyReport report) {
        List<BreaksOverDay.Hour> hours = BreaksOverDay.of(report.tradingDate(), report.breaks());
        List<String> labels = hours.stream().map(x -> String.format("%02d", x.hour())).toList();
        String svg = SvgBarChart.render("chart-breaks", "Breaks opened and resolved per hour (KST)", "breaks",
                labels, List.of(
                        new SvgBarChart.Series("opened", "opened", hours.stream().map(BreaksOverDay.Hour::opened).toList()),
                        new SvgBarChart.Series("resolved", "resolved",
                                hours.stream().map(BreaksOverDay.Hour::resolved).toList())));
        return "<figure>\n<figcaption>Breaks over the day (per hour, KST)</figcaption>\n" + svg + "</figure>\n";
    }

    private static String latencyChart(DailyReport report) {
        List<Long> samples = report.orderLatenciesMs();
        List<LatencyHistogram.Bucket> buckets = LatencyHistogram.buckets(samples);
        String caption = samples.isEmpty() ? "Order latency, intake to ACK: no orders acknowledged"
                : "Order latency, intake to ACK: " + samples.size() + " orders, p50 "
                + LatencyHistogram.percentile(samples, 50) + " ms, p99 " + LatencyHistogram.percentile(samples, 99)
                + " ms";
        String svg = SvgBarChart.render("chart-latency", caption, "orders",
                buckets.stream().map(LatencyHistogram.Bucket::label).toList(),
                List.of(new SvgBarChart.Series("orders", "latency",
                        buckets.stream().map(LatencyHistogram.Bucket::count).toList())));
        return "<figure>\n<figcaption>" + esc(caption) + "</figcaption>\n" + svg + "</figure>\n";
    }

    private static String table(ReportTable t) {
        StringBuilder h = new StringBuilder();
        h.append("<section>\n<h2>").append(esc(t.title())).append("</h2>\n<table id=\"").append(t.name())
                .append("\" data-csv=\"").append(esc(t.fileName())).append("\">\n<thead><tr>");
        for (String c : t.columns()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int status = t.columns().indexOf("status");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String css = t.numeric().get(i) ? "num" : i == status ? "status-" + row.get(i) : null;
                h.append(css == null ? "<td>" : "<td class=\"" + esc(css) + "\">").append(esc(row.get(i)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (t.rows().isEmpty()) {
            h.append("<p class=\"empty\">none</p>\n");
        }
        return h.append("</section>\n").toString();
    }

    private static String esc(String s) {
        return HtmlText.escape(s);
    }
}
