package kisgateway.reconcile.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the day's CSV files and HTML page into {@code <reportsRoot>/YYYY-MM-DD/} and sums the day up. */
public final class DailyReportWriter {

    private DailyReportWriter() {
    }

    public static ReportSummary write(DailyReport report, Path reportsRoot) throws IOException {
        Path directory = reportsRoot.resolve(report.tradingDate().toString());
        List<Path> csv = ReportCsvWriter.write(report, directory);
        Path html = ReportHtmlRenderer.write(report, directory);
        return summarize(report, directory, html, csv);
    }

    static ReportSummary summarize(DailyReport report, Path directory, Path html, List<Path> csv) {
        ReportHeadline headline = ReportHeadline.of(report);
        int opened = (int) report.breaks().stream()
                .filter(b -> BreaksOverDay.onDay(b.openedAt(), report.tradingDate())).count();
        int resolved = (int) report.breaks().stream()
                .filter(b -> BreaksOverDay.onDay(b.resolvedAt(), report.tradingDate())).count();
        long orders = report.ordersByState().stream().mapToLong(DailyReport.OrderStateCount::orders).sum();
        long fills = report.fills().stream().mapToLong(DailyReport.FillTotal::fills).sum();
        long rejects = report.rejects().stream().mapToLong(DailyReport.RejectCount::count).sum();
        return new ReportSummary(report.tradingDate(), headline.clean(), headline.text(), headline.openBreaks(),
                opened, resolved, BreakResolution.of(report).mttr().map(m -> m.toMillis() / 1000.0).orElse(null),
                headline.positionMismatches(), headline.cashMismatches(), orders, fills, rejects,
                directory, html, csv);
    }
}
