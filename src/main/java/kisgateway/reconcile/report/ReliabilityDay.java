package kisgateway.reconcile.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The day's reliability from what the database keeps (never from one process's meters, which a restart or
 * another instance would not have): acknowledgement latencies, outcomes and their codes, the execution-notice
 * stream's incidents, and the trading days before it for the trend.
 *
 * @param requestToAckMs one sample per acknowledged order: from its SUBMIT (the request about to wait for its slot
 *                       and leave) to its ACK; intake to ACK is the report's {@code orderLatenciesMs}
 * @param acked          orders KIS acknowledged on the day (ACK events)
 * @param rejectCodes    rejections by KIS (source kis, msg_cd) and denials by the gateway (source gateway, rule)
 * @param incidents      the stream's incidents that started on the day or were still open when it began
 * @param trend          the trading days up to this one, oldest first
 */
public record ReliabilityDay(List<Long> requestToAckMs, long acked, List<RejectCode> rejectCodes,
                             List<StreamIncidentLine> incidents, List<TrendDay> trend) {

    public ReliabilityDay {
        requestToAckMs = List.copyOf(requestToAckMs);
        rejectCodes = List.copyOf(rejectCodes);
        incidents = List.copyOf(incidents);
        trend = List.copyOf(trend);
    }

    /** Nothing read: every figure of the section says it was not measured. */
    public static ReliabilityDay notMeasured() {
        return new ReliabilityDay(List.of(), 0, List.of(), List.of(), List.of());
    }

    public record RejectCode(String source, String code, long count) {
    }

    /** An incident of an account's stream; endedAt null while it lasts. */
    public record StreamIncidentLine(String account, String appKey, String kind, Instant startedAt, Instant endedAt,
                                     int fillsRecovered, String detail) {
        public Duration duration(Instant at) {
            Duration d = Duration.between(startedAt, endedAt == null ? at : endedAt);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /**
     * One trading day of the trend.
     *
     * @param ackP95Ms null when no order was acknowledged that day (not measured)
     */
    public record TrendDay(LocalDate date, long acked, Long ackP95Ms, long kisRejected, long denied, long incidents,
                           long incidentSeconds) {
        /** KIS's rejections over its answers (acknowledged or rejected); empty when KIS answered nothing. */
        public Optional<Double> rejectRate() {
            return acked + kisRejected == 0 ? Optional.empty() : Optional.of((double) kisRejected / (acked + kisRejected));
        }
    }

    public long kisRejected() {
        return rejectCodes.stream().filter(c -> c.source().equals("kis")).mapToLong(RejectCode::count).sum();
    }

    public long denied() {
        return rejectCodes.stream().filter(c -> c.source().equals("gateway")).mapToLong(RejectCode::count).sum();
    }

    /** KIS's rejections over its answers; empty when KIS answered no order. */
    public Optional<Double> rejectRate() {
        return acked + kisRejected() == 0 ? Optional.empty()
                : Optional.of((double) kisRejected() / (acked + kisRejected()));
    }
}
