package kisgateway.reconcile.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks opened and resolved per hour of the trading day (KST), from 08:00 to 20:00 (KRX and NXT hours) or wider
 * when something happened outside them. Breaks opened on an earlier day count only where they resolved.
 */
public final class BreaksOverDay {

    static final int FIRST_HOUR = 8;
    static final int LAST_HOUR = 19;

    public record Hour(int hour, long opened, long resolved) {
    }

    private BreaksOverDay() {
    }

    public static List<Hour> of(LocalDate day, List<DailyReport.BreakLine> breaks) {
        int first = FIRST_HOUR;
        int last = LAST_HOUR;
        for (DailyReport.BreakLine b : breaks) {
            for (Instant t : new Instant[] {b.openedAt(), b.resolvedAt()}) {
                if (onDay(t, day)) {
                    int h = t.atZone(ReportCells.KST).getHour();
                    first = Math.min(first, h);
                    last = Math.max(last, h);
                }
            }
        }
        long[] opened = new long[24];
        long[] resolved = new long[24];
        for (DailyReport.BreakLine b : breaks) {
            if (onDay(b.openedAt(), day)) {
                opened[b.openedAt().atZone(ReportCells.KST).getHour()]++;
            }
            if (onDay(b.resolvedAt(), day)) {
                resolved[b.resolvedAt().atZone(ReportCells.KST).getHour()]++;
            }
        }
        List<Hour> out = new ArrayList<>();
        for (int h = first; h <= last; h++) {
            out.add(new Hour(h, opened[h], resolved[h]));
        }
        return out;
    }

    static boolean onDay(Instant t, LocalDate day) {
        return t != null && t.atZone(ReportCells.KST).toLocalDate().equals(day);
    }
}
