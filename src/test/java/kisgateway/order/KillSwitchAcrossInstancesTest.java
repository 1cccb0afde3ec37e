package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimulatorSettings;
import kisgateway.testing.GatewayProcess;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.RunsAlone;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill switches across instances: two gateway processes on one PostgreSQL, Artemis and simulator, their timer
 * reload set to ten minutes so that only the database's notification can carry a change. A HALTED set through one
 * must deny an intent on the other within a second (set on the follower, heard by the KIS leader that screens for
 * both). Then the leader's listening connection is killed in the database: until it has listened again and re-read
 * every switch, it refuses new orders and revisions, the follower's included, with KILL_SWITCH_STATE_UNKNOWN and
 * still lets a cancel through; a switch moved while it was deaf is in force after. Last, a cancel/replace burst
 * spread over both instances is denied as one burst.
 */
@RunsAlone
class KillSwitchAcrossInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYMBOL = "000660";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:sim-operator-password".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aHaltOnOneInstanceDeniesOnTheOtherWithinASecondAndADeafInstanceRefusesNewOrders(@TempDir Path dir)
            throws Exception {
        int brokerPort = TestConfig.freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, false);
             EmbeddedBroker broker = EmbeddedBroker.start(TestConfig.projectDir().resolve("config/artemis/broker.xml"),
                     dir.resolve("artemis"), 79, "127.0.0.1", brokerPort);
             KisSimulator kis = KisSimulator.start(SimulatorSettings.builder().restPort(0).wsPort(0)
                     .pricePathFrozen(true).build())) {
            GatewayProcess.openRegularSession(kis);
            List<String> args = List.of("-Dfills.cluster.type=file",
                    "-Dfills.cluster.root=" + Files.createDirectories(dir.resolve("cluster")),
                    "-Dfills.cluster.acquire-interval-ms=500",
                    // only a notification can deliver a move in this test
                    "-Drisk-gate.kill-switch-reload-ms=600000",
                    // the deaf window stays open long enough to be looked at on a busy machine
                    "-Drisk-gate.kill-switch-listen-retry-ms=8000",
                    // a second strategy, whose switch is moved while B is deaf (a switch must name a configured one)
                    "-Dgateway.strategies=demo,other", "-Dgateway.strategy.other.accounts=sim",
                    // a burst spread over the instances, counted by the one that screens for both
                    "-Drisk.compliance.cancel-replace-burst.max-requests=4");
            int portA = TestConfig.freePort();
            int portB = TestConfig.freePort();
            Process a = GatewayProcess.launch(dir.resolve("a"), portA, db, broker, kis, args);
            Process b = null;
            try {
                // one after the other: started together, both ask KIS for the app key's token and the loser is
                // throttled (one a minute) until the next refresh, past the wait for health
                GatewayProcess.awaitHealthy(portA);
                b = GatewayProcess.launch(dir.resolve("b"), portB, db, broker, kis, args);
                GatewayProcess.awaitHealthy(portB);
                long price = kis.market().quote(SYMBOL).orElseThrow().price();
                long below = price - 4 * GatewayUnderTest.tick(price);
                String resting = id("rest");
                assertThat(post(portB, buy(resting, below)).path("state").asText()).isEqualTo("ACKED");

                // A leads (it started first): it screens what B forwards. A halt set through the follower B reaches
                // A by the database's notification, and denies an intent on B within a second
                assertThat(leaderGauge(portA)).isEqualTo(1);
                assertThat(leaderGauge(portB)).isZero();
                long t0 = System.nanoTime();
                put(portB, "GLOBAL", "*", "HALTED", "halt across instances");
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                        .until(() -> stateOn(portA, "GLOBAL", "*").equals("HALTED"));
                long seenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                JsonNode denied = post(portB, buy(id("halted"), below));
                long deniedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                System.out.printf("kill switch across instances: HALTED on B seen by A after %d ms, intent on B "
                        + "denied %d ms after the PUT was sent%n", seenMs, deniedMs);
                assertThat(denied.path("state").asText()).isEqualTo("DENIED");
                assertThat(denied.path("rejectCode").asText()).isEqualTo("KILL_SWITCH_HALTED");
                assertThat(deniedMs).isLessThan(1000);
                put(portB, "GLOBAL", "*", "ACTIVE", "halt over");
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                        .until(() -> stateOn(portA, "GLOBAL", "*").equals("ACTIVE"));

                // the leader's listening connection dies: A cannot learn a move any more and says so, and what B
                // forwards to it is refused rather than screened on a guess
                assertThat(knownGauge(portA)).isEqualTo(1);
                assertThat(terminateListener(db, a.pid())).as("A's listening backend").isEqualTo(1);
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> knownGauge(portA) == 0);
                JsonNode health = JSON.readTree(get(portA, "/q/health").body());
                assertThat(health.path("checks")).anySatisfy(c -> {
                    assertThat(c.path("name").asText()).isEqualTo("kill-switches");
                    assertThat(c.path("status").asText()).isEqualTo("DOWN");
                });
                put(portB, "STRATEGY", "other", "HALTED", "moved while A was deaf");

                JsonNode refused = post(portB, buy(id("deaf"), below));
                assertThat(refused.path("state").asText()).isEqualTo("DENIED");
                assertThat(refused.path("rejectCode").asText()).isEqualTo("KILL_SWITCH_STATE_UNKNOWN");
                assertThat(refused.path("rejectReason").asText()).contains("since");
                HttpResponse<String> revision = send(portB, "{\"intent\":\"REPLACE\",\"clientOrderId\":\"" + id("deaf-rp")
                        + "\",\"targetClientOrderId\":\"" + resting + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                        + "\"price\":\"" + (below - GatewayUnderTest.tick(price)) + "\"}");
                assertThat(revision.statusCode()).as(revision.body()).isEqualTo(403);
                assertThat(JSON.readTree(revision.body()).path("rule").asText()).isEqualTo("KILL_SWITCH_STATE_UNKNOWN");
                JsonNode cancel = post(portB, "{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("deaf-cxl")
                        + "\",\"targetClientOrderId\":\"" + resting + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}");
                assertThat(cancel.path("state").asText()).as("a cancel only reduces risk").isEqualTo("CANCELED");
                assertThat(knownGauge(portA)).as("still deaf: the assertions above ran inside the window").isZero();

                // A listens again and re-reads everything, the move it missed included
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> knownGauge(portA) == 1);
                assertThat(stateOn(portA, "STRATEGY", "other")).isEqualTo("HALTED");
                assertThat(post(portB, buy(id("heard"), below)).path("state").asText()).isEqualTo("ACKED");

                // a cancel/replace burst spread over the instances is one burst (four a minute here): the leader
                // screens what both take, so the fifth withdrawal is denied whichever instance it reaches
                String other = "005930";
                long otherPrice = kis.market().quote(other).orElseThrow().price();
                List<String> rest = new java.util.ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String client = id("burst");
                    assertThat(post(i % 2 == 0 ? portA : portB, OrderFlowTest.intent(other, client, "BUY", 1, "00",
                            otherPrice - (3 + i) * GatewayUnderTest.tick(otherPrice))).path("state").asText())
                            .isEqualTo("ACKED");
                    rest.add(client);
                }
                for (int i = 0; i < 4; i++) {
                    assertThat(post(i % 2 == 0 ? portB : portA, cancelOf(rest.get(i))).path("state").asText())
                            .as("withdrawal %d of the burst", i + 1).isEqualTo("CANCELED");
                }
                HttpResponse<String> fifth = send(portB, cancelOf(rest.get(4)));
                assertThat(fifth.statusCode()).as(fifth.body()).isEqualTo(403);
                assertThat(JSON.readTree(fifth.body()).path("rule").asText()).isEqualTo("CANCEL_REPLACE_BURST");
            } finally {
                for (Process p : b == null ? List.of(a) : List.of(a, b)) {
                    p.destroyForcibly();
                    p.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Ends the backend of the instance's kill-switch listener, found by the application name it gives itself. */
    private static int terminateListener(EmbeddedDatabase db, long pid) throws Exception {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where application_name = 'kis-gateway-kill-switches-" + pid + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int leaderGauge(int port) throws Exception {
        return get(port, "/q/metrics").body().lines().filter(l -> l.startsWith("kis_cluster_leader{"))
                .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private int knownGauge(int port) throws Exception {
        return get(port, "/q/metrics").body().lines().filter(l -> l.startsWith("kis_risk_kill_switch_state_known"))
                .map(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private String stateOn(int port, String scope, String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, "/api/admin/trading-states"))
                .header("Authorization", OPERATOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode n : JSON.readTree(r.body())) {
            if (n.path("scope").asText().equals(scope) && n.path("key").asText().equals(key)) {
                return n.path("state").asText();
            }
        }
        return "ACTIVE";
    }

    private void put(int port, String scope, String key, String state, String reason) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, "/api/admin/trading-states/" + scope + "/"
                        + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .header("Authorization", OPERATOR).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\",\"reason\":\"" + reason + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode post(int port, String intent) throws Exception {
        HttpResponse<String> r = send(port, intent);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(int port, String intent) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, "/api/orders")).header("X-Api-Key", GatewayUnderTest.DEMO_KEY)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(intent)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String buy(String clientOrderId, long limit) {
        return OrderFlowTest.intent(SYMBOL, clientOrderId, "BUY", 1, "00", limit);
    }

    private static String cancelOf(String target) {
        return "{\"intent\":\"CANCEL\",\"clientOrderId\":\"" + id("cxl") + "\",\"targetClientOrderId\":\"" + target
                + "\",\"account\":\"sim\",\"strategyId\":\"demo\"}";
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
