package kisgateway.kis.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far KIS's clock runs ahead of ours (negative: behind), measured from the {@code Date} header of its answers.
 *
 * <p>KIS stamps {@code Date} in whole seconds (truncated, as web servers do) at some moment between our handing the
 * request over ({@code sentAt}) and our receiving the answer's headers ({@code receivedAt}), both on our clock. So one
 * answer proves the skew lies in {@code [date - receivedAt, date + 1 s - sentAt]}: a second wide plus the round trip.
 * The estimate is the median over the last answers of each bound and of the midpoints, so one slow answer (a long
 * round trip, a pause) moves nothing; its error is the median half-width, never below the header's half second.
 *
 * <p>It alerts only when the skew is past the threshold for certain: when the median answer's whole interval lies
 * beyond it. A skew of 2.3 s against a threshold of 2 s is therefore reported (the gauge) but not alerted until the
 * answers prove it. Thread-safe.
 */
public final class KisClockSkew {

    private static final Logger LOG = LoggerFactory.getLogger(KisClockSkew.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * @param skew   KIS's clock minus ours, the median midpoint
     * @param error  the median half-width of the answers' intervals: how far the skew may be off
     * @param lower  the median lower bound: at least half the answers prove the skew is at least this
     * @param upper  the median upper bound: at least half the answers prove the skew is at most this
     */
    public record Estimate(Duration skew, Duration error, Duration lower, Duration upper, int samples) {

        /** Past {@code threshold} either way for certain (the median answer's whole interval beyond it). */
        public boolean beyond(Duration threshold) {
            return lower.compareTo(threshold) > 0 || upper.compareTo(threshold.negated()) < 0;
        }

        public double skewSeconds() {
            return skew.toNanos() / (double) NANOS_PER_SECOND;
        }

        public double errorSeconds() {
            return error.toNanos() / (double) NANOS_PER_SECOND;
        }
    }

    private final long[] lowers;
    private final long[] uppers;
    private final Duration alertAbove;
    private int next;
    private int count;
    private boolean alerting;

    /**
     * @param samples    how many of the latest answers the estimate is the median of
     * @param alertAbove the skew past which it alerts (logged once when it starts and once when it ends)
     */
    public KisClockSkew(int samples, Duration alertAbove) {
        if (samples < 1) {
            throw new IllegalArgumentException("at least one sample: " + samples);
        }
        this.lowers = new long[samples];
        this.uppers = new long[samples];
        this.alertAbove = Objects.requireNonNull(alertAbove, "alertAbove");
        if (alertAbove.isNegative()) {
            throw new IllegalArgumentException("the alert threshold cannot be negative: " + alertAbove);
        }
    }

    public Duration alertAbove() {
        return alertAbove;
    }

    /**
     * One answer. An absent or unreadable {@code Date} (KIS's gateway may omit it) is no sample.
     *
     * @param sentAt     on our clock, just before the request was handed to the HTTP client
     * @param receivedAt on our clock, when the answer's headers arrived
     * @param dateHeader the answer's {@code Date} value, or null
     */
    public void record(Instant sentAt, Instant receivedAt, String dateHeader) {
        Instant date = parse(dateHeader);
        if (date == null || receivedAt.isBefore(sentAt)) {
            return;
        }
        long lower;
        long upper;
        try {
            lower = nanosBetween(receivedAt, date);
            upper = Math.addExact(nanosBetween(sentAt, date), NANOS_PER_SECOND);
        } catch (ArithmeticException e) {
            return; // centuries apart: no clock, a garbled header
        }
        Estimate now;
        boolean was;
        synchronized (this) {
            lowers[next] = lower;
            uppers[next] = upper;
            next = (next + 1) % lowers.length;
            count = Math.min(count + 1, lowers.length);
            now = compute();
            was = alerting;
            alerting = now.beyond(alertAbove);
        }
        if (!was && now.beyond(alertAbove)) {
            LOG.warn("event=kis_clock_skew_alert skew_seconds={} error_seconds={} threshold_seconds={} samples={}"
                    + " note=\"KIS's clock and this host's disagree: check the host's time synchronisation\"",
                    seconds(now.skew()), seconds(now.error()), seconds(alertAbove), now.samples());
        } else if (was && !now.beyond(alertAbove)) {
            LOG.info("event=kis_clock_skew_cleared skew_seconds={} error_seconds={} threshold_seconds={}",
                    seconds(now.skew()), seconds(now.error()), seconds(alertAbove));
        }
    }

    /** Empty until an answer with a readable {@code Date} came. */
    public synchronized Optional<Estimate> estimate() {
        return count == 0 ? Optional.empty() : Optional.of(compute());
    }

    /** How far the skew is from zero either way; zero while unknown. What a matching window must allow for. */
    public Duration magnitude() {
        return estimate().map(e -> e.skew().abs()).orElse(Duration.ZERO);
    }

    public synchronized boolean alerting() {
        return alerting;
    }

    private Estimate compute() {
        long[] lo = Arrays.copyOf(lowers, count);
        long[] hi = Arrays.copyOf(uppers, count);
        long[] mid = new long[count];
        long[] half = new long[count];
        for (int i = 0; i < count; i++) {
            mid[i] = lo[i] + (hi[i] - lo[i]) / 2;
            half[i] = (hi[i] - lo[i]) / 2;
        }
        return new Estimate(Duration.ofNanos(median(mid)), Duration.ofNanos(median(half)),
                Duration.ofNanos(median(lo)), Duration.ofNanos(median(hi)), count);
    }

    private static long median(long[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : values[n / 2 - 1] + (values[n / 2] - values[n / 2 - 1]) / 2;
    }

    private static long nanosBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    /** RFC 1123 / IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form HTTP servers must send. */
    static Instant parse(String dateHeader) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / (double) NANOS_PER_SECOND);
    }
}
