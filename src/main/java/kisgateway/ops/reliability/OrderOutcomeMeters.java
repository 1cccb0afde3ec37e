package kisgateway.ops.reliability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The order outcomes as meters, read from the order books rather than counted where they happen: so the
 * latencies are the same figures the daily report computes from the same rows, and an outcome recorded by any
 * instance (the leader sends, the reconciliation of another may reject) counts once, on the instance that runs
 * this (the KIS leader, routes/reliability.camel.yaml).
 *
 * <ul>
 *   <li>{@code kis_order_ack_seconds{account, from}}: from = intake (the order's creation to its ACK) or request
 *       (its SUBMIT, committed just before the request waits for its send slot and leaves, to its ACK: KIS's
 *       share and the slot wait); a percentile histogram, so {@code histogram_quantile} reads p95 and p99.</li>
 *   <li>{@code kis_order_outcomes_total{account, outcome}}: acked, rejected (KIS said no) and denied (the gateway
 *       did not send); the reject rate is rejected over all three.</li>
 *   <li>{@code kis_order_rejects_total{account, source, code}}: source kis with its msg_cd, or gateway with the
 *       rule or reason of the denial.</li>
 * </ul>
 *
 * Events are read by id after a settling lag (an id is taken at insert, its transaction commits a moment later:
 * reading only events older than the lag never skips one that commits behind a higher id). It counts the events
 * from when it was made, or from when this instance last became the KIS leader ({@link #startOver()}): what an
 * earlier process or leader counted is not counted again (a counter reset, as Prometheus expects).
 */
public final class OrderOutcomeMeters {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]{1,40}");
    private static final Set<String> OUTCOMES = Set.of("ACK", "REJECT", "DENY");

    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final Duration settle;
    private final Duration[] latencyBuckets;
    private final int batch;
    private final Clock clock;
    private long cursor = -1;
    private Instant since;

    /**
     * @param settle         how old an event must be before it is read (longer than an order transition's commit)
     * @param latencyBucket  an extra histogram bucket at the acknowledgement latency the alert watches
     */
    public OrderOutcomeMeters(DataSource dataSource, MeterRegistry meters, Duration settle, Duration latencyBucket,
                              int batch, Set<String> accounts, Clock clock) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.settle = settle;
        this.latencyBuckets = new Duration[] {latencyBucket};
        this.batch = batch;
        this.clock = clock;
        this.since = clock.instant();
        for (String account : accounts) {
            for (String from : new String[] {"intake", "request"}) {
                ack(account, from);
            }
            for (String outcome : new String[] {"acked", "rejected", "denied"}) {
                outcome(account, outcome);
            }
        }
    }

    /**
     * This instance became the KIS leader: it starts again from the newest event, as at its first run (what the
     * leader before counted meanwhile is that leader's; reading on from an old cursor would count it twice).
     */
    public synchronized void startOver() {
        cursor = -1;
        since = clock.instant();
    }

    /** Records the outcomes committed since the last run; @return how many events it read. */
    public synchronized int record() {
        try (Connection c = dataSource.getConnection()) {
            if (cursor < 0) {
                try (PreparedStatement ps = c.prepareStatement("select coalesce(max(event_id), 0) from order_events "
                        + "where occurred_at < ?")) {
                    ps.setTimestamp(1, Timestamp.from(since));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        cursor = rs.getLong(1);
                    }
                }
            }
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement("select e.event_id, e.event_type, o.account, o.created_at, "
                    + "e.occurred_at, (select min(s.occurred_at) from order_events s where s.order_id = e.order_id "
                    + "and s.event_type = 'SUBMIT'), o.reject_code from order_events e join orders o on o.order_id = "
                    + "e.order_id where e.event_id > ? and e.occurred_at < ? order by e.event_id limit ?")) {
                ps.setLong(1, cursor);
                ps.setTimestamp(2, Timestamp.from(clock.instant().minus(settle)));
                ps.setInt(3, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        cursor = rs.getLong(1);
                        String type = rs.getString(2);
                        if (OUTCOMES.contains(type)) {
                            count(type, rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                                    rs.getTimestamp(6), rs.getString(7));
                        }
                    }
                }
            }
            return read;
        } catch (SQLException e) {
            throw new ReliabilityStoreException("order outcomes not read for the meters: " + e.getMessage(), e);
        }
    }

    private void count(String type, String account, Instant created, Instant at, Timestamp submitted, String code) {
        switch (type) {
            case "ACK" -> {
                outcome(account, "acked").increment();
                ack(account, "intake").record(nonNegative(Duration.between(created, at)));
                if (submitted != null) {
                    ack(account, "request").record(nonNegative(Duration.between(submitted.toInstant(), at)));
                }
            }
            case "REJECT" -> {
                outcome(account, "rejected").increment();
                reject(account, "kis", code).increment();
            }
            default -> {
                outcome(account, "denied").increment();
                reject(account, "gateway", code).increment();
            }
        }
    }

    private Timer ack(String account, String from) {
        return Timer.builder("kis.order.ack")
                .description("an order's acknowledgement by KIS: from its intake, or from its request (SUBMIT)")
                .tags("account", account, "from", from)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).serviceLevelObjectives(latencyBuckets)
                .register(meters);
    }

    private Counter outcome(String account, String outcome) {
        return Counter.builder("kis.order.outcomes").description("orders acknowledged, rejected by KIS, denied by the gateway")
                .tags("account", account, "outcome", outcome).register(meters);
    }

    private Counter reject(String account, String source, String code) {
        // a code is KIS's msg_cd or a rule id; anything else is not a label value (bounded, no free text)
        String label = code != null && CODE.matcher(code).matches() ? code : "OTHER";
        return Counter.builder("kis.order.rejects").description("rejections by KIS (msg_cd) and denials by the gateway (reason)")
                .tags("account", account, "source", source, "code", label).register(meters);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
