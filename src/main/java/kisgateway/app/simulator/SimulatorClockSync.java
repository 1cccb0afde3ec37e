package kisgateway.app.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In sim mode against a simulator running elsewhere (its own process), the gateway's "now" must still be the
 * simulator's session time: its admin API says what time it is there, and the gateway runs a clock offset by
 * the difference (the simulator's clock runs at real speed unless someone accelerates it).
 */
public final class SimulatorClockSync {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorClockSync.class);

    private SimulatorClockSync() {
    }

    public static Clock clockOf(String restBaseUrl) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Instant asked = Instant.now();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restBaseUrl + "/sim/admin/clock"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Instant answered = Instant.now();
            JsonNode clock = new ObjectMapper().readTree(r.body());
            // a skew set on the simulator on purpose sets KIS apart from its clients: follow the clients' time
            Instant simulated = OffsetDateTime.parse(clock.path("now").asText()).toInstant()
                    .minusMillis(clock.path("skewMillis").asLong(0));
            // the answer was taken half-way through the round trip
            Instant local = asked.plus(Duration.between(asked, answered).dividedBy(2));
            Duration offset = Duration.between(local, simulated);
            LOG.info("following the simulator's session clock offset={} simulatorNow={}", offset, simulated);
            return Clock.offset(Clock.systemUTC(), offset);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the simulator's clock at " + restBaseUrl + ": " + e.getMessage(), e);
        }
    }
}
