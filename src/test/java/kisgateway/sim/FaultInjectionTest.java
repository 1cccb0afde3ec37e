package kisgateway.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static kisgateway.sim.OrderCashTest.odno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every fault of the admin API, provoked over HTTP and observed as a client would see it. */
class FaultInjectionTest {
    private static KisSimulator sim;
    private static KisTestClient rest;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0).pricePathFrozen(true)
                .approvalIssueMinInterval(Duration.ZERO).pingPongInterval(Duration.ofMillis(100)).loopBlocking(new LoopBlocking(1_000, Duration.ofMinutes(1),
                        1_000, Duration.ofMinutes(1), Duration.ofSeconds(1))).build());
        rest = new KisTestClient(sim).login();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        rest.adminPost("/faults/reset", Map.of());
        rest.awaitNoOpenSessions();
    }

    private record Stream(WsTestClient ws, String key, String iv) {
        List<String[]> notices() {
            List<String[]> out = new ArrayList<>();
            for (String f : ws.dataFrames("H0STCNI0")) {
                out.add(WsTestClient.decrypt(f, key, iv).split("\\^", -1));
            }
            return out;
        }

        List<String[]> fills() {
            return notices().stream().filter(f -> f[13].equals("2")).toList();
        }
    }

    private static Stream stream() {
        WsTestClient ws = WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey());
        JsonNode ack = ws.subscribe("H0STCNI0", "simdemo");
        return new Stream(ws, ack.path("body").path("output").path("key").asText(),
                ack.path("body").path("output").path("iv").asText());
    }

    @Test
    void failingTheNextRestCallsAnswers500WithoutBookingAnything() {
        rest.adminPost("/faults/rest/fail", Map.of("count", 2, "pathContains", "order-cash"));
        int before = rest.truth().path("orders").size();
        KisTestClient.Reply first = rest.order(true, "005930", "01", 1, 0);
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.msgCd()).isEqualTo("EGW00002");
        assertThat(rest.order(true, "005930", "01", 1, 0).status()).isEqualTo(500);
        assertThat(rest.truth().path("orders").size()).isEqualTo(before);
        assertThat(rest.order(true, "005930", "01", 1, 0).rtCd()).isEqualTo("0");
    }

    @Test
    void latencyDelaysEveryAnswer() {
        rest.adminPost("/faults/rest/latency", Map.of("millis", 300));
        long t0 = System.nanoTime();
        assertThat(rest.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100",
                Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930")).rtCd()).isEqualTo("0");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anAmbiguousOrderIsBookedButItsAnswerNeverComes() throws Exception {
        rest.adminPost("/faults/rest/ambiguous-orders", Map.of("count", 1, "mode", "drop"));
        int before = rest.truth().path("orders").size();
        HttpRequest request = rest.kisRequest(KisTestClient.TRADING + "order-cash", "TTTC0012U", Map.of())
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString(KisTestClient.json(rest.orderBody("005930", "00", 1,
                        60_000)))).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        // the client gave up after 500 ms; on a slow or busy machine the simulator may book the order after that
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rest.truth().path("orders").size() == before + 1);
        JsonNode orders = rest.truth().path("orders");
        assertThat(orders.get(orders.size() - 1).path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void anAmbiguousOrderCanAlsoBeAnsweredLateOrByAReset() {
        rest.adminPost("/faults/rest/ambiguous-orders", Map.of("count", 1, "mode", "delay", "delayMillis", 400));
        long t0 = System.nanoTime();
        assertThat(rest.order(true, "005930", "00", 1, 60_000).rtCd()).isEqualTo("0");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        rest.adminPost("/faults/rest/ambiguous-orders", Map.of("count", 1, "mode", "reset"));
        int before = rest.truth().path("orders").size();
        assertThatThrownBy(() -> rest.order(true, "005930", "00", 1, 60_000)).hasRootCauseInstanceOf(
                java.io.IOException.class);
        assertThat(rest.truth().path("orders").size()).isEqualTo(before + 1);
    }

    /** Drip: the headers at once, the body a byte every 10 ms, whole and valid in the end; the order is booked. */
    @Test
    void aDrippedOrderAnswerHasItsHeadersAtOnceAndItsBodyByteByByte() throws Exception {
        rest.adminPost("/faults/rest/ambiguous-orders", Map.of("count", 1, "mode", "drip", "delayMillis", 10));
        int before = rest.truth().path("orders").size();
        HttpRequest request = rest.kisRequest(KisTestClient.TRADING + "order-cash", "TTTC0012U", Map.of())
                .POST(HttpRequest.BodyPublishers.ofString(KisTestClient.json(rest.orderBody("005930", "00", 1,
                        60_000)))).build();
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        Duration headersAfter = Duration.ofNanos(System.nanoTime() - t0);
        String body;
        try (java.io.InputStream in = response.body()) {
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Duration bodyAfter = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("tr_id")).hasValue("TTTC0012U");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("rt_cd").asText()).isEqualTo("0");
        // about 150 bytes at 10 ms each: the body took over a second after the headers had come
        assertThat(bodyAfter.minus(headersAfter)).isGreaterThan(Duration.ofMillis(10L * (body.length() - 2)));
        assertThat(rest.truth().path("orders").size()).isEqualTo(before + 1);
    }

    @Test
    void droppingEveryWebSocketClosesThem() {
        Stream s = stream();
        assertThat(rest.adminPost("/faults/ws/drop", Map.of()).body().path("dropped").asInt()).isEqualTo(1);
        await().atMost(5, TimeUnit.SECONDS).until(s.ws().closed::isDone);
        s.ws().close();
    }

    @Test
    void refusedWebSocketsGet503UntilTheWindowEnds() {
        rest.adminPost("/faults/ws/refuse", Map.of("seconds", 2));
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsBaseUrl()), new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(503));
        await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    WsTestClient.connect(sim.wsBaseUrl(), rest.approvalKey()).close();
                    return true;
                });
    }

    @Test
    void aSilentStreamKeepsPingingAndDeliversHeldNoticesAfterwards() {
        Stream s = stream();
        rest.adminPost("/faults/ws/silence", Map.of("seconds", 1.5, "mode", "hold"));
        String odno = odno(rest.order(true, "000660", "01", 1, 0));
        int from = s.ws().frames.size();
        s.ws().awaitJson(from, n -> n.path("header").path("tr_id").asText().equals("PINGPONG"));
        assertThat(s.notices()).as("connection up, PINGPONG flowing, no notices").isEmpty();
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.notices().size() == 2);
        assertThat(s.notices()).extracting(f -> f[2]).containsOnly(odno);
        s.ws().close();
    }

    @Test
    void aSilenceThatDropsLosesTheNotices() {
        Stream s = stream();
        rest.adminPost("/faults/ws/silence", Map.of("seconds", 0.3, "mode", "drop"));
        odno(rest.order(true, "000660", "01", 1, 0));
        await().atMost(5, TimeUnit.SECONDS).until(() -> rest.adminGet("/faults").body().path("silence").asText()
                .equals("NONE"));
        String after = odno(rest.order(true, "000660", "01", 1, 0));
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.notices().size() == 2);
        assertThat(s.notices()).extracting(f -> f[2]).containsOnly(after);
        s.ws().close();
    }

    @Test
    void suppressedFillsAreInTheTruthButNeverOnTheStream() {
        Stream s = stream();
        rest.adminPost("/faults/notices/suppress-fills", Map.of("cano", "50000001", "count", 1));
        String first = odno(rest.order(true, "035420", "01", 1, 0));
        String second = odno(rest.order(true, "035420", "01", 1, 0));
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.fills().stream().anyMatch(f -> f[2].equals(second)));
        assertThat(s.fills()).noneMatch(f -> f[2].equals(first));
        assertThat(s.notices()).anyMatch(f -> f[2].equals(first) && f[13].equals("1"));
        JsonNode fill = null;
        for (JsonNode f : rest.truth().path("fills")) {
            if (f.path("odno").asText().equals(first)) {
                fill = f;
            }
        }
        assertThat(fill).isNotNull();
        assertThat(fill.path("noticeSuppressed").asBoolean()).isTrue();
        s.ws().close();
    }

    @Test
    void noticesCanBeDuplicatedOrReordered() {
        Stream s = stream();
        rest.adminPost("/faults/notices/duplicate", Map.of("count", 1));
        String dup = odno(rest.order(true, "005380", "00", 1, 200_000));
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.notices().size() == 2);
        assertThat(s.notices()).extracting(f -> f[2]).containsExactly(dup, dup);

        rest.adminPost("/faults/notices/reorder", Map.of("count", 2));
        String market = odno(rest.order(true, "005380", "01", 1, 0));
        await().atMost(5, TimeUnit.SECONDS).until(() -> s.notices().size() == 4);
        List<String[]> last = s.notices().subList(2, 4);
        assertThat(last.get(0)[2]).isEqualTo(market);
        assertThat(last.get(0)[13]).as("the fill now comes before its acceptance").isEqualTo("2");
        assertThat(last.get(1)[13]).isEqualTo("1");
        s.ws().close();
    }

    @Test
    void outsideChangesShowInTheTruthAndInTheBalance() {
        rest.admin("PUT", "/accounts/50000001/positions/015760", Map.of("qty", 70, "avgPrice", "21000"));
        rest.adminPost("/accounts/50000001/cash", Map.of("delta", -1_000));
        JsonNode truth = rest.truth();
        assertThat(OrderCashTest.positionOf(truth, "015760").path("qty").asLong()).isEqualTo(70);
        JsonNode balance = rest.get(KisTestClient.TRADING + "inquire-balance", "TTTC8434R",
                KisTestClient.balanceQuery("50000001")).body();
        boolean listed = false;
        for (JsonNode p : balance.path("output1")) {
            if (p.path("pdno").asText().equals("015760")) {
                listed = p.path("hldg_qty").asText().equals("70");
            }
        }
        assertThat(listed).isTrue();
        assertThat(balance.path("output2").get(0).path("dnca_tot_amt").asLong())
                .isEqualTo(truth.path("cash").path("deposit").asLong());

        JsonNode hts = rest.adminPost("/accounts/50000001/orders", Map.of("symbol", "015760", "side", "sell",
                "qty", 5, "price", 28_000)).body();
        assertThat(rest.adminPost("/accounts/50000001/orders", Map.of("symbol", "015760", "side", "sell", "qty", 5,
                "price", 30_000)).body().path("reject").asText()).isEqualTo("PRICE_OUT_OF_BAND");
        assertThat(hts.path("booked").asBoolean()).isTrue();
        JsonNode cancelled = rest.adminPost("/accounts/50000001/orders/" + hts.path("odno").asText() + "/cancel",
                Map.of()).body();
        assertThat(cancelled.path("booked").asBoolean()).isTrue();
        assertThat(rest.truthOrder(hts.path("odno").asText()).path("state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void statsCountWhatClientsDid() {
        JsonNode stats = rest.adminGet("/stats").body().path("appKeys").path(SimAccount.demo().appKey());
        assertThat(stats.path("tokensIssued").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("restCalls").asLong()).isGreaterThan(0);
        assertThat(stats.has("approvalKeysIssued")).isTrue();
        assertThat(stats.has("activeSessions")).isTrue();
        assertThat(stats.has("subscriptions")).isTrue();
        assertThat(stats.has("egw00201")).isTrue();
        assertThat(stats.has("wsConnects")).isTrue();
    }
}
