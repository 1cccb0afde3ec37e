package kisgateway.reconcile.report;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How fast the day's drift was repaired: the mean time to resolve (MTTR) of the breaks resolved on the trading
 * date (a desk's exit criterion for a read-only phase: drift repaired within 5 minutes), and the breaks still open
 * with their age at the report's time.
 *
 * @param mttr empty when no break resolved on the day
 */
public record BreakResolution(int resolvedToday, Optional<Duration> mttr, Optional<Duration> longestToResolve,
                              List<Duration> openAges) {

    public static BreakResolution of(DailyReport report) {
        List<Duration> resolved = report.breaks().stream()
                .filter(b -> !b.open() && BreaksOverDay.onDay(b.resolvedAt(), report.tradingDate()))
                .map(b -> b.age(report.generatedAt())).toList();
        Optional<Duration> mttr = resolved.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(
                resolved.stream().mapToLong(Duration::toMillis).average().orElseThrow())));
        List<Duration> open = report.breaks().stream().filter(DailyReport.BreakLine::open)
                .map(b -> b.age(report.generatedAt())).sorted(java.util.Comparator.reverseOrder()).toList();
        return new BreakResolution(resolved.size(), mttr, resolved.stream().max(Duration::compareTo), open);
    }

    /** One line for the page: resolved and their MTTR, open and the oldest's age. */
    public String text() {
        StringBuilder sb = new StringBuilder("breaks resolved today: ").append(resolvedToday);
        mttr.ifPresent(m -> sb.append(", MTTR ").append(human(m)));
        longestToResolve.ifPresent(m -> sb.append(" (longest ").append(human(m)).append(')'));
        sb.append(" · open: ").append(openAges.size());
        if (!openAges.isEmpty()) {
            sb.append(", oldest ").append(human(openAges.get(0)));
        }
        return sb.toString();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + (s % 3600) / 60 + "m";
    }
}
