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
