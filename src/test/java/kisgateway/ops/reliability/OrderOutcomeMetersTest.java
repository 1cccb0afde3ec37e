package kisgateway.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kisgateway.risk.MutableClock;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** The order outcome meters from the books: latencies as the report computes them, rejects by code, once each. */
class OrderOutcomeMetersTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final BookRows rows = new BookRows(dataSource);
    private final MutableClock clock = new MutableClock(T0);
    private final String account = "om-" + UUID.randomUUID().toString().substring(0, 8);
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OrderOutcomeMeters outcomes = new OrderOutcomeMeters(dataSource, meters, Duration.ofSeconds(2),
            Duration.ofMillis(300), 2000, Set.of(account), clock);

    @Test
    void outcomesCountOnceWithTheirLatenciesAndCodes() throws Exception {
        outcomes.record();
        rows.acked(account, T0, T0.plusMillis(10), T0.plusMillis(250));
        rows.acked(account, T0, T0.plusMillis(20), T0.plusMillis(1020));
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0.plusMillis(100));
        rows.ended(account, "DENY", "DENIED", "MAX_ORDER_NOTIONAL", T0.plusMillis(100));
        rows.ended(account, "DENY", "DENIED", "a free text, not a code", T0.plusMillis(100));

        clock.set(T0.plusSeconds(1));
        outcomes.record();
        assertThat(count("acked")).as("not read before they settle").isZero();
        clock.set(T0.plusSeconds(5));
        outcomes.record();
        outcomes.record();

        assertThat(count("acked")).isEqualTo(2);
        assertThat(count("rejected")).isEqualTo(1);
        assertThat(count("denied")).isEqualTo(2);
        Timer intake = meters.get("kis.order.ack").tags("account", account, "from", "intake").timer();
        Timer request = meters.get("kis.order.ack").tags("account", account, "from", "request").timer();
        assertThat(intake.count()).isEqualTo(2);
        assertThat(intake.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1270);
        assertThat(request.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(240 + 1000);
        assertThat(meters.get("kis.order.rejects").tags("account", account, "source", "kis", "code", "APBK0919")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.order.rejects").tags("account", account, "source", "gateway", "code", "OTHER")
                .counter().count()).isEqualTo(1);
        String scrape = meters.scrape();
        // the bound's own bucket, and histogram buckets for histogram_quantile
        assertThat(scrape).contains("kis_order_ack_seconds_bucket{account=\"" + account + "\",from=\"intake\",le=\"0.3\"} 1");
        assertThat(scrape).contains("kis_order_rejects_total{account=\"" + account + "\",code=\"APBK0919\",source=\"kis\"} 1");
    }

    @Test
    void whatHappenedBeforeItWasMadeIsNotCountedAgain() throws Exception {
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0.minusSeconds(1));
        clock.set(T0.plusSeconds(10));
        outcomes.record();
        outcomes.record();
        assertThat(count("rejected")).isZero();
    }

    @Test
    void whatHappenedBetweenItsMakingAndItsFirstRunCounts() throws Exception {
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0.plusMillis(500));
        clock.set(T0.plusSeconds(10));
        outcomes.record();
        assertThat(count("rejected")).isEqualTo(1);
    }

    @Test
    void aLeaderAgainStartsFromNowNotFromWhereItStopped() throws Exception {
        outcomes.record();
        // while another instance led and counted these
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0);
        clock.set(T0.plusSeconds(10));
        outcomes.startOver();
        outcomes.record();
        outcomes.record();
        assertThat(count("rejected")).isZero();
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0.plusSeconds(10));
        clock.set(T0.plusSeconds(20));
        outcomes.record();
        assertThat(count("rejected")).isEqualTo(1);
    }

    @Test
    void openBreaksAndTheirOldestAgeAndTodaysOrdersByState() throws Exception {
        BookGauges gauges = new BookGauges(dataSource, Set.of(account), meters, clock);
        rows.openBreak(account, "005930", T0.minusSeconds(400));
        rows.openBreak(account, "000660", T0.minusSeconds(60));
        rows.ended(account, "REJECT", "REJECTED", "APBK0919", T0);
        gauges.refresh();
        clock.set(T0.plusSeconds(20));
        assertThat(meters.get("kis.recon.breaks.open").tags("account", account).gauge().value()).isEqualTo(2);
        assertThat(meters.get("kis.recon.breaks.oldest.age").tags("account", account).gauge().value()).isEqualTo(420);
        assertThat(meters.get("kis.orders.today").tags("account", account, "state", "REJECTED").gauge().value())
                .isEqualTo(1);
    }

    private double count(String outcome) {
        return meters.get("kis.order.outcomes").tags("account", account, "outcome", outcome).counter().count();
    }
}
