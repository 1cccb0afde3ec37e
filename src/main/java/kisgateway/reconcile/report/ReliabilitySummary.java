package kisgateway.reconcile.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines that lead the report: the day's acknowledgement latency, reject rate, stream incidents and break
 * repair. A figure the gateway did not measure says so; none is a stand-in zero.
 */
public final class ReliabilitySummary {

    /** One line: an id for the page, a label, the figure's text and whether it was measured. */
    public record Line(String id, String label, String text, boolean measured) {
    }

    private ReliabilitySummary() {
    }

    public static List<Line> of(DailyReport r) {
        ReliabilityDay d = r.reliability();
        List<Line> out = new ArrayList<>();
        out.add(latency("ack-intake", "Acknowledgement latency, intake to ACK", r.orderLatenciesMs()));
        out.add(latency("ack-request", "Acknowledgement latency, request (SUBMIT) to ACK", d.requestToAckMs()));
        out.add(d.rejectRate().map(rate -> new Line("reject-rate", "Reject rate", String.format(Locale.ROOT,
                        "%.1f %% (%d of %d orders KIS answered were rejected); gateway denials: %d", rate * 100,
                        d.kisRejected(), d.acked() + d.kisRejected(), d.denied()), true))
                .orElseGet(() -> new Line("reject-rate", "Reject rate", "not measured: KIS answered no order today"
                        + "; gateway denials: " + d.denied(), false)));
        out.add(new Line("top-codes", "Top codes", topCodes(d), true));
        out.add(new Line("stream-incidents", "Stream incidents", incidents(d, r), true));
        out.add(new Line("break-mttr", "Breaks", BreakResolution.of(r).text(), true));
        return out;
    }

    private static Line latency(String id, String label, List<Long> samples) {
        if (samples.isEmpty()) {
            return new Line(id, label, "not measured: no order was acknowledged", false);
        }
        return new Line(id, label, "p95 " + LatencyHistogram.percentile(samples, 95) + " ms, p99 "
                + LatencyHistogram.percentile(samples, 99) + " ms over " + samples.size() + " orders", true);
    }

    private static String topCodes(ReliabilityDay d) {
        if (d.rejectCodes().isEmpty()) {
            return "no rejection and no denial";
        }
        List<String> parts = new ArrayList<>();
        d.rejectCodes().stream().limit(5).forEach(c -> parts.add(c.code() + " (" + c.source() + ") " + c.count()));
        return String.join(", ", parts);
    }

    private static String incidents(ReliabilityDay d, DailyReport r) {
        if (d.incidents().isEmpty()) {
            return "none recorded";
        }
        Map<String, Integer> byKind = new TreeMap<>();
        long millis = 0;
        int recovered = 0;
        for (ReliabilityDay.StreamIncidentLine i : d.incidents()) {
            byKind.merge(i.kind().toLowerCase(Locale.ROOT), 1, Integer::sum);
            millis += i.duration(r.generatedAt()).toMillis();
            recovered += i.fillsRecovered();
        }
        List<String> kinds = new ArrayList<>();
        byKind.forEach((k, n) -> kinds.add(k + " " + n));
        long open = d.incidents().stream().filter(i -> i.endedAt() == null).count();
        return d.incidents().size() + " (" + String.join(", ", kinds) + "), " + BreakResolution.human(
                Duration.ofMillis(millis)) + " in all" + (open > 0 ? ", " + open + " still open" : "")
                + "; fills recovered by backfill: " + recovered;
    }
}
