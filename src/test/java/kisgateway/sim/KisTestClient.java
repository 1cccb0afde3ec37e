package kisgateway.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A KIS REST client for the tests, written from KIS's API documentation with nothing but the JDK's HttpClient and
 * Jackson, so it shares no code with the simulator.
 */
final class KisTestClient {
    static final String TRADING = "/uapi/domestic-stock/v1/trading/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, headers and parsed JSON body. */
    record Reply(int status, java.net.http.HttpHeaders headers, JsonNode body, String raw) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text(String field) {
            return body.path(field).asText();
        }

        String msgCd() {
            return text("msg_cd");
        }

        String rtCd() {
            return text("rt_cd");
        }
    }

    final HttpClient http;
    final String baseUrl;
    final SimAccount account;
    String token;

    KisTestClient(String baseUrl, SimAccount account) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.account = account;
    }

    KisTestClient(KisSimulator sim) {
        this(sim.restBaseUrl(), sim.accounts().get(0));
    }

    /** An ordered map from alternating names and values. */
    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** The query of inquire-balance as the official sample sends it, first page. */
    static Map<String, String> balanceQuery(String cano) {
        return params("CANO", cano, "ACNT_PRDT_CD", "01", "AFHR_FLPR_YN", "N", "OFL_YN", "", "INQR_DVSN", "02",
                "UNPR_DVSN", "01", "FUND_STTL_ICLD_YN", "N", "FNCG_AMT_AUTO_RDPT_YN", "N", "PRCS_DVSN", "00",
                "CTX_AREA_FK100", "", "CTX_AREA_NK100", "");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), r.headers(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply postJson(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body))).build());
    }

    Reply issueToken() {
        return postJson("/oauth2/tokenP", Map.of("grant_type", "client_credentials", "appkey", account.appKey(),
                "appsecret", account.appSecret()));
    }

    /** Issues a token and keeps it for later calls. */
    KisTestClient login() {
        Reply r = issueToken();
        if (r.status() != 200) {
            throw new IllegalStateException("tokenP failed: " + r.raw());
        }
        token = r.text("access_token");
        return this;
    }

    String approvalKey() {
        Reply r = postJson("/oauth2/Approval", Map.of("grant_type", "client_credentials", "appkey",
                account.appKey(), "secretkey", account.appSecret()));
        if (r.status() != 200) {
            throw new IllegalStateException("Approval failed: " + r.raw());
        }
        return r.text("approval_key");
    }

    HttpRequest.Builder kisRequest(String path, String trId, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json; charset=utf-8")
                .header("authorization", "Bearer " + token)
                .header("appkey", account.appKey())
                .header("appsecret", account.appSecret())
                .header("tr_id", trId)
                .header("custtype", "P");
        extraHeaders.forEach(b::header);
        return b;
    }

    Reply get(String path, String trId, Map<String, String> query) {
        return get(path, trId, query, Map.of());
    }

    Reply get(String path, String trId, Map<String, String> query, Map<String, String> headers) {
        String qs = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(kisRequest(path + (qs.isEmpty() ? "" : "?" + qs), trId, headers)
                .GET().build());
    }

    Reply post(String path, String trId, Object body) {
        return send(kisRequest(path, trId, Map.of())
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body))).build());
    }

    /** order-cash with the new TR IDs. */
    Reply order(boolean buy, String symbol, String ordDvsn, long qty, long price) {
        return post(TRADING + "order-cash", (isPaper() ? "V" : "T") + (buy ? "TTC0012U" : "TTC0011U"),
                orderBody(symbol, ordDvsn, qty, price));
    }

    Map<String, String> orderBody(String symbol, String ordDvsn, long qty, long price) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("CANO", account.cano());
        body.put("ACNT_PRDT_CD", "01");
        body.put("PDNO", symbol);
        body.put("ORD_DVSN", ordDvsn);
        body.put("ORD_QTY", Long.toString(qty));
        body.put("ORD_UNPR", Long.toString(price));
        body.put("EXCG_ID_DVSN_CD", "KRX");
        return body;
    }

    /** order-rvsecncl: 01 revise / 02 cancel; qty 0 with all=true for the whole rest. */
    Reply reviseOrCancel(String origOdno, boolean cancel, String ordDvsn, long qty, long price, boolean all) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("CANO", account.cano());
        body.put("ACNT_PRDT_CD", "01");
        body.put("KRX_FWDG_ORD_ORGNO", isPaper() ? "00950" : "06010");
        body.put("ORGN_ODNO", origOdno);
        body.put("ORD_DVSN", ordDvsn);
        body.put("RVSE_CNCL_DVSN_CD", cancel ? "02" : "01");
        body.put("ORD_QTY", Long.toString(qty));
        body.put("ORD_UNPR", Long.toString(price));
        body.put("QTY_ALL_ORD_YN", all ? "Y" : "N");
        body.put("EXCG_ID_DVSN_CD", "KRX");
        return post(TRADING + "order-rvsecncl", isPaper() ? "VTTC0013U" : "TTTC0013U", body);
    }

    boolean paper;

    boolean isPaper() {
        return paper;
    }

    KisTestClient paper(boolean p) {
        paper = p;
        return this;
    }

    Reply admin(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/sim/admin" + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json");
        String payload = body == null ? "" : json(body);
        switch (method) {
            case "GET" -> b.GET();
            case "PUT" -> b.PUT(HttpRequest.BodyPublishers.ofString(payload));
            default -> b.POST(HttpRequest.BodyPublishers.ofString(payload));
        }
        return send(b.build());
    }

    Reply adminGet(String path) {
        return admin("GET", path, null);
    }

    Reply adminPost(String path, Object body) {
        return admin("POST", path, body);
    }

    /** Waits until the simulator has no WebSocket session left (a closed session releases its app key). */
    void awaitNoOpenSessions() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> adminGet("/stats").body().path("openSessions").asInt() == 0);
    }

    /** The simulator's truth about this client's account. */
    JsonNode truth() {
        return adminGet("/truth/" + account.cano()).body();
    }

    JsonNode truthOrder(String odno) {
        for (JsonNode o : truth().path("orders")) {
            if (o.path("odno").asText().equals(odno)) {
                return o;
            }
        }
        throw new AssertionError("no order " + odno + " in the truth");
    }
}
