package kisgateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kisgateway.sim.fault.FaultPlan;

/**
 * Response header names as they cross the wire, byte for byte, for every function and error of the KIS surface.
 * KIS writes the standard HTTP headers in their canonical case ({@code Content-Type}, {@code Content-Length}) and
 * only its own identifier-like ones in lower case ({@code tr_id}, {@code tr_cont}, {@code gt_uid}); the official
 * samples' {@code kis_auth.APIResp} turns every all-lower-case name into a namedtuple field, so a lower-case
 * {@code content-type} crashes them (issue 16). Read off a raw socket: any HTTP client library would hand the
 * names back through a case-insensitive map and hide exactly this.
 */
class ResponseHeaderCaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADING = "/uapi/domestic-stock/v1/trading/";
    private static final String PRICE = "/uapi/domestic-stock/v1/quotations/inquire-price?FID_COND_MRKT_DIV_CODE=J"
            + "&FID_INPUT_ISCD=005930";
    private static final Pattern CANONICAL = Pattern.compile("[A-Z][a-z0-9]*(-[A-Z][a-z0-9]*)*");
    /** What kis_auth accepts among all-lower-case names: Python identifiers (namedtuple fields). */
    private static final Pattern KIS_OWN = Pattern.compile("[a-z_][a-z0-9_]*");

    private static KisSimulator sim;
    private static KisSimulator strict;
    private static KisSimulator lower;
    private static final SimAccount DEMO = SimAccount.demo();
    private static String token;
    private static String cancelled;

    @BeforeAll
    static void start() {
        // Loop blocking after one upgrade, so the WebSocket port's 403 is reachable with two requests.
        sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0)
                .loopBlocking(new LoopBlocking(1, Duration.ofSeconds(60), 30, Duration.ofSeconds(60),
                        Duration.ofSeconds(60))).build());
        strict = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(1).build());
        lower = KisSimulator.start(SimulatorSettings.builder().headerNames(HeaderNameCase.LOWER).build());
    }

    @AfterAll
    static void stop() {
        for (KisSimulator s : new KisSimulator[] {sim, strict, lower}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** In order: the token first, the faults that spoil it last. */
    @TestFactory
    Stream<DynamicTest> everyKisAnswerWritesStandardNamesCanonicalAndKisNamesInLowerCase() {
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(kis("tokenP", 200, null, () -> {
            Wire w = post(sim, "/oauth2/tokenP", Map.of(), tokenBody(DEMO.appSecret()));
            token = w.json().path("access_token").asText();
            return w;
        }));
        cases.add(kis("tokenP again within a minute: 403 EGW00133", 403, "EGW00133",
                () -> post(sim, "/oauth2/tokenP", Map.of(), tokenBody(DEMO.appSecret()))));
        cases.add(kis("tokenP with a wrong secret: 403 EGW00105", 403, "EGW00105",
                () -> post(sim, "/oauth2/tokenP", Map.of(), tokenBody("wrong"))));
        cases.add(kis("tokenP with a body that is not JSON: OPSQ9997", 500, "OPSQ9997",
                () -> post(sim, "/oauth2/tokenP", Map.of(), "{not json")));
        cases.add(kis("revokeP of an unknown token: 403 EGW00121", 403, "EGW00121",
                () -> post(sim, "/oauth2/revokeP", Map.of(), json(Map.of("appkey", DEMO.appKey(),
                        "appsecret", DEMO.appSecret(), "token", "not-a-token")))));
        cases.add(kis("Approval", 200, null, () -> post(sim, "/oauth2/Approval", Map.of(), approvalBody())));
        cases.add(kis("Approval again within a second: EGW00201", 500, "EGW00201",
                () -> post(sim, "/oauth2/Approval", Map.of(), approvalBody())));
        cases.add(kis("hashkey", 200, null, () -> post(sim, "/uapi/hashkey",
                Map.of("appkey", DEMO.appKey(), "appsecret", DEMO.appSecret()), orderBody("005930", "01", 1, 0))));
        cases.add(kis("hashkey without appkey: EGW00102", 500, "EGW00102",
                () -> post(sim, "/uapi/hashkey", Map.of(), orderBody("005930", "01", 1, 0))));
        cases.add(kis("inquire-price", 200, "MCA00000", () -> get(sim, PRICE, "FHKST01010100", Map.of())));
        cases.add(kis("order-cash", 200, "APBK0013",
                () -> trade(sim, "order-cash", "TTTC0012U", orderBody("005930", "01", 5, 0))));
        cases.add(kis("order-cash of an unknown symbol: APBK0656", 200, "APBK0656",
                () -> trade(sim, "order-cash", "TTTC0012U", orderBody("999999", "01", 1, 0))));
        cases.add(kis("order-cash without PDNO: OPSQ2002", 200, "OPSQ2002",
                () -> trade(sim, "order-cash", "TTTC0012U", json(Map.of("CANO", DEMO.cano())))));
        cases.add(kis("order-rvsecncl", 200, null, () -> {
            Wire resting = trade(sim, "order-cash", "TTTC0012U", orderBody("005930", "00", 2, 60_000));
            cancelled = resting.json().path("output").path("ODNO").asText();
            return trade(sim, "order-rvsecncl", "TTTC0013U", cancelBody(cancelled));
        }));
        cases.add(kis("order-rvsecncl with nothing left: APBK0344", 200, "APBK0344",
                () -> trade(sim, "order-rvsecncl", "TTTC0013U", cancelBody(cancelled))));
        cases.add(kis("order-rvsecncl of an unknown order: APBK0671", 200, "APBK0671",
                () -> trade(sim, "order-rvsecncl", "TTTC0013U", cancelBody("0000000001"))));
        cases.add(kis("inquire-psbl-rvsecncl", 200, null, () -> get(sim, TRADING + "inquire-psbl-rvsecncl?CANO="
                + DEMO.cano() + "&ACNT_PRDT_CD=01&INQR_DVSN_1=0&INQR_DVSN_2=0&CTX_AREA_FK100=&CTX_AREA_NK100=",
                "TTTC0084R", Map.of("tr_cont", ""))));
        String today = sim.market().clock().nowSeoul().toLocalDate().toString().replace("-", "");
        cases.add(kis("inquire-daily-ccld", 200, null, () -> get(sim, TRADING + "inquire-daily-ccld?CANO="
                + DEMO.cano() + "&ACNT_PRDT_CD=01&INQR_STRT_DT=" + today + "&INQR_END_DT=" + today
                + "&SLL_BUY_DVSN_CD=00&INQR_DVSN=00&PDNO=&CCLD_DVSN=00&ORD_GNO_BRNO=&ODNO=&INQR_DVSN_3=00"
                + "&INQR_DVSN_1=&CTX_AREA_FK100=&CTX_AREA_NK100=", "TTTC0081R", Map.of("tr_cont", ""))));
        cases.add(kis("inquire-balance", 200, null, () -> get(sim, TRADING + "inquire-balance?CANO=" + DEMO.cano()
                + "&ACNT_PRDT_CD=01&AFHR_FLPR_YN=N&OFL_YN=&INQR_DVSN=02&UNPR_DVSN=01&FUND_STTL_ICLD_YN=N"
                + "&FNCG_AMT_AUTO_RDPT_YN=N&PRCS_DVSN=00&CTX_AREA_FK100=&CTX_AREA_NK100=", "TTTC8434R",
                Map.of("tr_cont", ""))));
        cases.add(kis("inquire-psbl-order", 200, null, () -> get(sim, TRADING + "inquire-psbl-order?CANO="
                + DEMO.cano() + "&ACNT_PRDT_CD=01&PDNO=005930&ORD_UNPR=70000&ORD_DVSN=00&CMA_EVLU_AMT_ICLD_YN=N"
                + "&OVRS_ICLD_YN=N", "TTTC8908R", Map.of())));
        cases.add(kis("a wrong secret: EGW00105", 500, "EGW00105",
                () -> get(sim, PRICE, "FHKST01010100", Map.of("appsecret", "wrong"))));
        cases.add(kis("an unknown token: EGW00121", 500, "EGW00121",
                () -> get(sim, PRICE, "FHKST01010100", Map.of("authorization", "Bearer nope"))));
        cases.add(kis("no Bearer: EGW00205", 500, "EGW00205",
                () -> get(sim, PRICE, "FHKST01010100", Map.of("authorization", "Basic x"))));
        cases.add(kis("a wrong custtype: EGW00208", 500, "EGW00208",
                () -> get(sim, PRICE, "FHKST01010100", Map.of("custtype", "X"))));
        cases.add(kis("no tr_id: OPSQ9999", 500, "OPSQ9999", () -> get(sim, PRICE, null, Map.of())));
        cases.add(kis("a TR of another function: OPSQ0002", 500, "OPSQ0002", () -> get(sim, TRADING
                + "inquire-balance?CANO=" + DEMO.cano(), "TTTC9999R", Map.of())));
        cases.add(kis("an order body that is not JSON: OPSQ9997", 500, "OPSQ9997",
                () -> trade(sim, "order-cash", "TTTC0012U", "{\"CANO\":")));
        cases.add(kis("an unknown path: 404 MCA00124", 404, "MCA00124",
                () -> get(sim, "/uapi/domestic-stock/v1/nothing-here", "FHKST01010100", Map.of())));
        cases.add(kis("an injected failure: EGW00002", 500, "EGW00002", () -> {
            sim.faults().plan().failRest(1, new FaultPlan.RestFailure(500, "EGW00002", "서버 에러가 발생했습니다."),
                    "inquire-price");
            return get(sim, PRICE, "FHKST01010100", Map.of());
        }));
        cases.add(kis("a body over the limit: 413", 413, null, () -> trade(sim, "order-cash", "TTTC0012U",
                "{\"CANO\":\"" + "9".repeat(66_000) + "\"}")));
        cases.add(kis("the rate limit: EGW00201", 500, "EGW00201", () -> {
            String strictToken = post(strict, "/oauth2/tokenP", Map.of(), tokenBody(DEMO.appSecret())).json()
                    .path("access_token").asText();
            Map<String, String> headers = Map.of("authorization", "Bearer " + strictToken);
            get(strict, PRICE, "FHKST01010100", headers);
            return get(strict, PRICE, "FHKST01010100", headers);
        }));
        cases.add(kis("an expired token: EGW00123", 500, "EGW00123", () -> {
            sim.faults().expireTokens(DEMO.appKey());
            return get(sim, PRICE, "FHKST01010100", Map.of());
        }));
        cases.add(ws("WebSocket port, an unknown path: 404", 404, () -> request(wsPort(sim),
                "GET /nothing HTTP/1.1", Map.of(), null)));
        cases.add(ws("WebSocket port, no upgrade: 400", 400, () -> request(wsPort(sim),
                "GET /tryitout HTTP/1.1", Map.of(), null)));
        cases.add(ws("WebSocket port, refusing: 503", 503, () -> {
            sim.faults().plan().refuseWebSockets(Duration.ofSeconds(30));
            try {
                return upgrade(sim);
            } finally {
                sim.faults().reset();
            }
        }));
        cases.add(ws("WebSocket port, a connect loop: 403", 403, () -> {
            upgrade(sim).close();
            return upgrade(sim);
        }));
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicTest> switchedToLowerCaseEveryNameIsLowerCase() {
        return Stream.of(
                lowerCase("tokenP", () -> post(lower, "/oauth2/tokenP", Map.of(), tokenBody(DEMO.appSecret()))),
                lowerCase("an unknown token: EGW00121", () -> get(lower, PRICE, "FHKST01010100",
                        Map.of("authorization", "Bearer nope"))),
                lowerCase("WebSocket port, no upgrade", () -> request(wsPort(lower), "GET /tryitout HTTP/1.1",
                        Map.of(), null)));
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Call {
        Wire run() throws IOException;
    }

    private static DynamicTest kis(String name, int status, String code, Call call) {
        return DynamicTest.dynamicTest(name, () -> {
            Wire w = call.run();
            assertThat(w.status()).as(name + ": " + w.head()).isEqualTo(status);
            if (code != null) {
                assertThat(w.json().path("msg_cd").asText(w.json().path("error_code").asText()))
                        .as(name + ": " + w.body()).isEqualTo(code);
            }
            assertKisCase(w);
            assertThat(w.names()).as(w.head()).contains("Content-Length");
            if (status != 413) {
                // Vert.x Web answers an oversized body itself, as plain text; every other answer is KIS's JSON.
                assertThat(w.names()).as(w.head()).contains("Content-Type", "gt_uid");
            }
        });
    }

    private static DynamicTest ws(String name, int status, Call call) {
        return DynamicTest.dynamicTest(name, () -> {
            Wire w = call.run();
            assertThat(w.status()).as(name + ": " + w.head()).isEqualTo(status);
            assertKisCase(w);
            assertThat(w.names()).as(w.head()).contains("Content-Length");
        });
    }

    private static DynamicTest lowerCase(String name, Call call) {
        return DynamicTest.dynamicTest(name, () -> {
            Wire w = call.run();
            assertThat(w.names()).as(w.head()).isNotEmpty().contains("content-length")
                    .allSatisfy(n -> assertThat(n).isEqualTo(n.toLowerCase(Locale.ROOT)));
        });
    }

    /** Standard names canonical, KIS's own (those with an underscore) lower case; none that kis_auth chokes on. */
    private static void assertKisCase(Wire w) {
        for (String name : w.names()) {
            if (name.contains("_")) {
                assertThat(name).as(w.head()).matches(KIS_OWN);
            } else {
                assertThat(name).as(w.head()).matches(CANONICAL);
            }
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                assertThat(name).as("an all-lower-case name kis_auth makes a namedtuple field of").matches(KIS_OWN);
            }
        }
    }

    private static String tokenBody(String secret) {
        return json(Map.of("grant_type", "client_credentials", "appkey", DEMO.appKey(), "appsecret", secret));
    }

    private static String approvalBody() {
        return json(Map.of("grant_type", "client_credentials", "appkey", DEMO.appKey(), "secretkey",
                DEMO.appSecret()));
    }

    private static String orderBody(String symbol, String ordDvsn, long qty, long price) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("CANO", DEMO.cano());
        body.put("ACNT_PRDT_CD", "01");
        body.put("PDNO", symbol);
        body.put("ORD_DVSN", ordDvsn);
        body.put("ORD_QTY", Long.toString(qty));
        body.put("ORD_UNPR", Long.toString(price));
        body.put("EXCG_ID_DVSN_CD", "KRX");
        return json(body);
    }

    private static String cancelBody(String odno) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("CANO", DEMO.cano());
        body.put("ACNT_PRDT_CD", "01");
        body.put("KRX_FWDG_ORD_ORGNO", "06010");
        body.put("ORGN_ODNO", odno);
        body.put("ORD_DVSN", "00");
        body.put("RVSE_CNCL_DVSN_CD", "02");
        body.put("ORD_QTY", "0");
        body.put("ORD_UNPR", "0");
        body.put("QTY_ALL_ORD_YN", "Y");
        body.put("EXCG_ID_DVSN_CD", "KRX");
        return json(body);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers of an authenticated KIS call (as kis_auth sends them), overridden by {@code override}. */
    private static Map<String, String> kisHeaders(String trId, Map<String, String> override) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("authorization", "Bearer " + token);
        h.put("appkey", DEMO.appKey());
        h.put("appsecret", DEMO.appSecret());
        if (trId != null) {
            h.put("tr_id", trId);
        }
        h.put("custtype", "P");
        h.putAll(override);
        return h;
    }

    private static Wire get(KisSimulator s, String pathAndQuery, String trId, Map<String, String> override)
            throws IOException {
        return request(restPort(s), "GET " + pathAndQuery + " HTTP/1.1", kisHeaders(trId, override), null);
    }

    /** A POST with only Content-Type and {@code headers} (the token endpoints, hashkey). */
    private static Wire post(KisSimulator s, String path, Map<String, String> headers, String body) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        h.putAll(headers);
        return request(restPort(s), "POST " + path + " HTTP/1.1", h, body);
    }

    /** A POST of a trading function with every header kis_auth sends. */
    private static Wire trade(KisSimulator s, String function, String trId, String body) throws IOException {
        return request(restPort(s), "POST " + TRADING + function + " HTTP/1.1", kisHeaders(trId, Map.of()), body);
    }

    private static Wire upgrade(KisSimulator s) throws IOException {
        return request(wsPort(s), "GET /tryitout HTTP/1.1", Map.of("Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13"), null);
    }

    private static int restPort(KisSimulator s) {
        return URI.create(s.restBaseUrl()).getPort();
    }

    private static int wsPort(KisSimulator s) {
        return URI.create(s.wsBaseUrl()).getPort();
    }

    /**
     * One request on a fresh connection; reads the head, then the body by Content-Length. A 101 answer (an upgrade
     * that went through) is returned with the connection still open, for the caller to close.
     */
    private static Wire request(int port, String requestLine, Map<String, String> headers, String body)
            throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        StringBuilder head = new StringBuilder(requestLine).append("\r\n").append("Host: 127.0.0.1:").append(port)
                .append("\r\n");
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(payload);
        out.flush();
        InputStream in = socket.getInputStream();
        String responseHead = readHead(in);
        Wire w = new Wire(responseHead, "", socket);
        if (w.status() == 101) {
            return w;
        }
        String length = w.header("Content-Length");
        byte[] responseBody = in.readNBytes(length == null ? 0 : Integer.parseInt(length.trim()));
        socket.close();
        return new Wire(responseHead, new String(responseBody, StandardCharsets.UTF_8), null);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + bytes);
            }
            bytes.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response as it came: its head verbatim and its body. */
    private record Wire(String head, String body, Socket open) implements AutoCloseable {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        /** The header names exactly as written, in order. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("HTTP/")) {
                    names.add(line.substring(0, colon));
                }
            }
            return names;
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        @Override
        public void close() throws IOException {
            if (open != null) {
                open.close();
            }
        }
    }
}
