package kisgateway.reconcile.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The WebSocket sessions' lines of the day from the stream's incidents: per app key, the drops that began on the
 * day, those a reconnect ended on the day, the stale periods that began on the day and the seconds of stale
 * periods within the day (up to the report's time for one still open).
 */
public final class StreamSessionDays {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private StreamSessionDays() {
    }

    /** @param sessions every app key label to list, with zeros when nothing happened to it */
    public static List<DailyReport.ReconnectLine> of(Collection<String> sessions,
                                                     List<ReliabilityDay.StreamIncidentLine> incidents, LocalDate day,
                                                     Instant generatedAt) {
        Instant from = day.atStartOfDay(KST).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(KST).toInstant();
        Instant measuredTo = generatedAt.isBefore(to) ? generatedAt : to;
        TreeSet<String> keys = new TreeSet<>(sessions);
        incidents.forEach(i -> keys.add(i.appKey()));
        List<DailyReport.ReconnectLine> out = new ArrayList<>();
        for (String key : keys) {
            long disconnects = 0;
            long reconnects = 0;
            long stalePeriods = 0;
            long staleMillis = 0;
            for (ReliabilityDay.StreamIncidentLine i : incidents) {
                if (!i.appKey().equals(key)) {
                    continue;
                }
                boolean began = within(i.startedAt(), from, to);
                if (i.kind().equals("DISCONNECT")) {
                    disconnects += began ? 1 : 0;
                    reconnects += i.endedAt() != null && within(i.endedAt(), from, to) ? 1 : 0;
                } else if (i.kind().equals("STALE")) {
                    stalePeriods += began ? 1 : 0;
                    Instant start = i.startedAt().isBefore(from) ? from : i.startedAt();
                    Instant end = i.endedAt() == null || i.endedAt().isAfter(measuredTo) ? measuredTo : i.endedAt();
                    staleMillis += Math.max(0, Duration.between(start, end).toMillis());
                }
            }
            out.add(new DailyReport.ReconnectLine(key, reconnects, disconnects, stalePeriods,
                    Math.round(staleMillis / 1000.0)));
        }
        return out;
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
