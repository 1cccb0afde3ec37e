package kisgateway.reconcile.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code kis.recon.reports} message: the day at a glance and where its files are.
 *
 * @param openBreaks         breaks open when the report was made
 * @param breaksOpenedToday  breaks opened on the trading date
 * @param breaksResolvedToday breaks resolved on the trading date
 * @param mttrSeconds        their mean time to resolve, null when none resolved
 */
public record ReportSummary(LocalDate tradingDate, boolean clean, String headline, int openBreaks,
                            int breaksOpenedToday, int breaksResolvedToday, Double mttrSeconds, int positionMismatches,
                            int cashMismatches, long orders, long fills, long rejects, Path directory, Path html,
                            List<Path> csvFiles) {

    public ReportSummary {
        csvFiles = List.copyOf(csvFiles);
    }
}
