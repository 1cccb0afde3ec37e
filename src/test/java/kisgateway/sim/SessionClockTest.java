package kisgateway.sim;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static kisgateway.sim.OrderCashTest.odno;
import static org.assertj.core.api.Assertions.assertThat;

/** The session clock over the admin API: set, advanced, accelerated, and fixed in wall mode. */
class SessionClockTest {

    @Test
    void settingTheClockOpensAndClosesTheMarket() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0)
                .pricePathFrozen(true).build())) {
            KisTestClient c = new KisTestClient(sim).login();
            JsonNode opening = c.adminGet("/clock").body();
            assertThat(opening.path("mode").asText()).isEqualTo("SIM");
            assertThat(opening.path("phase").asText()).isEqualTo("CONTINUOUS");
            assertThat(opening.path("now").asText()).contains("T09:00").endsWith("+09:00");

            String resting = odno(c.order(true, "005930", "00", 1, 70_000));
            JsonNode evening = c.adminPost("/clock", Map.of("time", "16:30:00")).body();
            assertThat(evening.path("phase").asText()).isEqualTo("AFTER_HOURS_SINGLE_PRICE");
            assertThat(c.order(true, "005930", "00", 1, 71_900).msgCd()).isEqualTo("APBK0919");
            assertThat(c.reviseOrCancel(resting, true, "00", 0, 0, true).msgCd()).isEqualTo("APBK0919");

            JsonNode nextMorning = c.adminPost("/clock", Map.of("time", "08:45:00")).body();
            assertThat(nextMorning.path("phase").asText()).isEqualTo("OPENING_AUCTION");
            String queued = odno(c.order(true, "005930", "01", 2, 0));
            assertThat(c.truthOrder(queued).path("state").asText()).as("market orders wait for the open")
                    .isEqualTo("OPEN");
            c.adminPost("/clock", Map.of("advanceSeconds", 16 * 60));
            assertThat(c.truthOrder(queued).path("state").asText()).isEqualTo("FILLED");
            assertThat(c.truthOrder(queued).path("avgPrice").asLong()).isEqualTo(71_900);

            JsonNode fast = c.adminPost("/clock", Map.of("speed", 60)).body();
            assertThat(fast.path("speed").asDouble()).isEqualTo(60.0);
        }
    }

    /**
     * Every answer carries a Date header on the simulator's clock; a skew moves KIS's clock (Date, order times) away
     * from its clients' by the amount asked, on the wall clock too.
     */
    @Test
    void theDateHeaderFollowsTheSimulatorsClockAndASkewMovesIt() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0)
                .pricePathFrozen(true).build())) {
            KisTestClient c = new KisTestClient(sim).login();
            java.time.Duration agreed = dateSkew(sim, c);
            assertThat(agreed.abs()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(1));

            JsonNode skewed = c.adminPost("/clock", Map.of("skewMillis", -8_000)).body();
            assertThat(skewed.path("skewMillis").asLong()).isEqualTo(-8_000);
            java.time.Duration behind = dateSkew(sim, c);
            assertThat(behind).isBetween(java.time.Duration.ofSeconds(-9), java.time.Duration.ofSeconds(-7));
            java.time.Instant before = sim.market().clock().unskewedNow();
            String odno = odno(c.order(true, "005930", "00", 1, 70_000));
            java.time.Instant orderedAt = java.time.OffsetDateTime.parse(c.truthOrder(odno).path("orderedAt").asText()).toInstant();
            assertThat(java.time.Duration.between(before, orderedAt))
                    .isBetween(java.time.Duration.ofSeconds(-9), java.time.Duration.ofSeconds(-7));

            assertThat(c.adminPost("/clock", Map.of("skewMillis", "soon")).status()).isEqualTo(400);
        }
        try (KisSimulator wall = KisSimulator.start(SimulatorSettings.builder().clock(ClockMode.WALL).build())) {
            KisTestClient c = new KisTestClient(wall);
            assertThat(c.adminPost("/clock", Map.of("skewMillis", 5_000)).status()).isEqualTo(200);
            assertThat(dateSkew(wall, c)).isBetween(java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(6));
        }
    }

    /** The Date header of an answer minus the clients' time (the unskewed session time) half-way through the call. */
    private static java.time.Duration dateSkew(KisSimulator sim, KisTestClient c) {
        java.time.Instant asked = sim.market().clock().unskewedNow();
        KisTestClient.Reply r = c.adminGet("/clock");
        java.time.Instant answered = sim.market().clock().unskewedNow();
        java.time.Instant date = java.time.ZonedDateTime.parse(r.headers().firstValue("Date").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        java.time.Instant mid = asked.plus(java.time.Duration.between(asked, answered).dividedBy(2));
        return java.time.Duration.between(mid, date.plusMillis(500));
    }

    @Test
    void theWallClockCannotBeSet() {
        try (KisSimulator sim = KisSimulator.start(SimulatorSettings.builder().clock(ClockMode.WALL).build())) {
            KisTestClient c = new KisTestClient(sim);
            KisTestClient.Reply r = c.adminPost("/clock", Map.of("time", "10:00:00"));
            assertThat(r.status()).isEqualTo(409);
            assertThat(c.adminGet("/clock").body().path("mode").asText()).isEqualTo("WALL");
        }
    }
}
