package kisgateway.kis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * KIS's clock against ours from Date headers of one-second resolution: what one answer proves, what many answers
 * say together, and when that is certain enough to alert.
 */
class KisClockSkewTest {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    /** An answer sent at {@code sentAt} on our clock, taking {@code roundTrip}, stamped by KIS {@code skew} ahead. */
    private static void answer(KisClockSkew s, Instant sentAt, Duration roundTrip, Duration skew) {
        Instant stampedAt = sentAt.plus(roundTrip.dividedBy(2)).plus(skew);
        s.record(sentAt, sentAt.plus(roundTrip), HTTP_DATE.format(stampedAt));
    }

    @Test
    void unknownUntilAnAnswerWithADateComes() {
        KisClockSkew s = new KisClockSkew(15, Duration.ofSeconds(2));
        s.record(T0, T0.plusMillis(40), null);
        s.record(T0, T0.plusMillis(40), "");
        s.record(T0, T0.plusMillis(40), "yesterday at noon");
        s.record(T0, T0.plusMillis(40), "Sun, 06 Nov 1994 08:49:37 PST");
        assertThat(s.estimate()).isEmpty();
        assertThat(s.magnitude()).isZero();
        assertThat(s.alerting()).isFalse();
    }

    @Test
    void oneAnswerBoundsTheSkewToItsSecondPlusTheRoundTrip() {
        KisClockSkew s = new KisClockSkew(15, Duration.ofSeconds(2));
        // sent 01:00:00.300, answered 01:00:00.500, Date "01:00:08": KIS stamped between 01:00:08.000 and .999
        s.record(T0.plusMillis(300), T0.plusMillis(500), "Mon, 07 Dec 2026 01:00:08 GMT");
        KisClockSkew.Estimate e = s.estimate().orElseThrow();
        assertThat(e.lower()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(e.upper()).isEqualTo(Duration.ofMillis(8_700));
        assertThat(e.skew()).isEqualTo(Duration.ofMillis(8_100));
        assertThat(e.error()).isEqualTo(Duration.ofMillis(600));
        assertThat(e.samples()).isEqualTo(1);
    }

    /** Answers at every phase of KIS's second: the median lands within a tenth of a second of the true skew. */
    @Test
    void manyAnswersFindASkewFinerThanTheHeadersSecond() {
        KisClockSkew s = new KisClockSkew(15, Duration.ofSeconds(2));
        Duration skew = Duration.ofMillis(-8_300);
        for (int i = 0; i < 15; i++) {
            answer(s, T0.plusMillis(1_000L * i + 67L * i), Duration.ofMillis(30), skew);
        }
        KisClockSkew.Estimate e = s.estimate().orElseThrow();
        assertThat(e.skewSeconds()).isCloseTo(-8.3, within(0.1));
        assertThat(e.lower()).isLessThanOrEqualTo(skew);
        assertThat(e.upper()).isGreaterThanOrEqualTo(skew);
        assertThat(s.magnitude()).isEqualTo(e.skew().abs());
    }

    /** A slow answer (a 6 s round trip: a pause, a congested link) moves the median of the others not at all. */
    @Test
    void aSlowAnswerDoesNotMoveTheEstimate() {
        KisClockSkew s = new KisClockSkew(5, Duration.ofSeconds(2));
        for (int i = 0; i < 4; i++) {
            answer(s, T0.plusMillis(1_250L * i), Duration.ofMillis(20), Duration.ZERO);
        }
        // KIS stamped it on arrival, our clock saw the headers 6 s later: its midpoint says "KIS 3 s behind"
        s.record(T0.plusSeconds(10), T0.plusSeconds(16), HTTP_DATE.format(T0.plusSeconds(10)));
        KisClockSkew.Estimate e = s.estimate().orElseThrow();
        assertThat(e.skewSeconds()).isCloseTo(0.0, within(0.6));
        assertThat(s.alerting()).isFalse();
    }

    @Test
    void alertsOnlyWhenTheAnswersProveTheSkewPastTheThreshold() {
        KisClockSkew s = new KisClockSkew(5, Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            answer(s, T0.plusMillis(1_130L * i), Duration.ofMillis(20), Duration.ofMillis(2_200));
        }
        // about 2.2 s: the estimate says so, but the answers cannot prove it is past 2 s (a second's resolution)
        assertThat(s.estimate().orElseThrow().skewSeconds()).isCloseTo(2.2, within(0.5));
        assertThat(s.alerting()).isFalse();

        for (int i = 0; i < 3; i++) {
            answer(s, T0.plusSeconds(20).plusMillis(1_130L * i), Duration.ofMillis(20), Duration.ofSeconds(-8));
        }
        assertThat(s.alerting()).as("three of five answers prove KIS 8 s behind").isTrue();
        assertThat(s.estimate().orElseThrow().beyond(Duration.ofSeconds(2))).isTrue();

        for (int i = 0; i < 3; i++) {
            answer(s, T0.plusSeconds(40).plusMillis(1_130L * i), Duration.ofMillis(20), Duration.ZERO);
        }
        assertThat(s.alerting()).as("agreeing again").isFalse();
    }

    /** The clocks agree (sim mode: both read the simulator's session clock): no answer can ever raise the alert. */
    @Test
    void agreeingClocksNeverAlertWhateverTheRoundTrips() {
        KisClockSkew s = new KisClockSkew(3, Duration.ZERO.plusMillis(1));
        long[] roundTripsMs = {5, 4_000, 9_000, 20, 2_500, 15_000, 1};
        for (int i = 0; i < roundTripsMs.length; i++) {
            Instant sent = T0.plusMillis(3_777L * i);
            Duration trip = Duration.ofMillis(roundTripsMs[i]);
            // KIS stamps it anywhere in the round trip, on the very clock we read
            s.record(sent, sent.plus(trip), HTTP_DATE.format(sent.plus(trip.multipliedBy(i % 3).dividedBy(2))));
            assertThat(s.alerting()).as("after answer %d", i).isFalse();
        }
    }

    @Test
    void readsTheDateFormsServersSend() {
        assertThat(KisClockSkew.parse("Mon, 07 Dec 2026 01:00:08 GMT")).isEqualTo(Instant.parse("2026-12-07T01:00:08Z"));
        assertThat(KisClockSkew.parse("Mon, 7 Dec 2026 01:00:08 GMT")).isEqualTo(Instant.parse("2026-12-07T01:00:08Z"));
        assertThat(KisClockSkew.parse(" Mon, 07 Dec 2026 01:00:08 GMT ")).isEqualTo(Instant.parse("2026-12-07T01:00:08Z"));
        assertThat(KisClockSkew.parse("Monday, 07-Dec-26 01:00:08 GMT")).isNull();
    }

    @Test
    void aGarbledDateCenturiesAwayIsNoSample() {
        KisClockSkew s = new KisClockSkew(3, Duration.ofSeconds(2));
        s.record(T0, T0.plusMillis(10), "Fri, 31 Dec 9999 23:59:59 GMT");
        assertThat(s.estimate()).isEmpty();
    }
}
