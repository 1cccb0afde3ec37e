package kisgateway.reconcile.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the day is clean, at a glance: no open break, every position and every checked cash figure agrees, and
 * the last reconciliation run of every account succeeded (no run at all is not clean: nothing was checked).
 *
 * @param accountsLastRunFailed accounts whose last run did not succeed
 * @param cashNotChecked        accounts with no expected cash: shown, but not unclean by itself
 */
public record ReportHeadline(boolean clean, String text, int openBreaks, int positionMismatches,
                             int cashMismatches, int cashNotChecked, int accountsLastRunFailed, boolean noRuns) {

    public static ReportHeadline of(DailyReport report) {
        int open = (int) report.breaks().stream().filter(DailyReport.BreakLine::open).count();
        int positions = (int) report.positions().stream().filter(p -> !p.agrees()).count();
        int cash = (int) report.cash().stream().filter(c -> c.status() == DailyReport.CashStatus.DIFFERS).count();
        int unchecked = (int) report.cash().stream()
                .filter(c -> c.status() == DailyReport.CashStatus.NOT_CHECKED).count();
        Map<String, DailyReport.RunLine> last = new TreeMap<>();
        report.runs().stream().sorted(Comparator.comparing(DailyReport.RunLine::startedAt))
                .forEach(r -> last.put(r.account(), r));
        int failed = (int) last.values().stream().filter(r -> !"SUCCEEDED".equals(r.outcome())).count();
        boolean noRuns = report.runs().isEmpty();
        boolean clean = open == 0 && positions == 0 && cash == 0 && failed == 0 && !noRuns;
        String text;
        if (clean) {
            text = "clean: 0 open breaks, positions " + (unchecked == 0 ? "and cash agree"
                    : "agree, cash agrees where checked (not checked for " + plural(unchecked, "account") + ")");
        } else {
            List<String> parts = new ArrayList<>();
            parts.add(plural(open, "open break"));
            if (positions > 0) {
                parts.add(plural(positions, "position mismatch", "position mismatches"));
            }
            if (cash > 0) {
                parts.add(plural(cash, "cash mismatch", "cash mismatches"));
            }
            if (failed > 0) {
                parts.add("last reconciliation run not succeeded for " + plural(failed, "account"));
            }
            if (noRuns) {
                parts.add("no reconciliation run");
            }
            text = "NOT clean: " + String.join(", ", parts);
        }
        return new ReportHeadline(clean, text, open, positions, cash, unchecked, failed, noRuns);
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
