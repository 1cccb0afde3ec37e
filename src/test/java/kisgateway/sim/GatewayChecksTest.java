package kisgateway.sim;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the KIS gateway refuses before any function runs, on both domains. */
class GatewayChecksTest {
    private static final String PRICE = "/uapi/domestic-stock/v1/quotations/inquire-price";
    private static final Map<String, String> SAMSUNG = Map.of("FID_COND_MRKT_DIV_CODE", "J",
            "FID_INPUT_ISCD", "005930");
    private static KisSimulator real;
    private static KisSimulator paper;
    private static KisTestClient client;
    private static KisTestClient paperClient;

    @BeforeAll
    static void start() {
        real = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0).build());
        paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER).restLimitPerSecond(0).build());
        client = new KisTestClient(real).login();
        paperClient = new KisTestClient(paper).paper(true).login();
    }

    @AfterAll
    static void stop() {
        real.close();
        paper.close();
    }

    private static KisTestClient.Reply priceWith(String header, String value) {
        HttpRequest.Builder b = client.kisRequest(PRICE + "?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930",
                "FHKST01010100", Map.of());
        if (value == null) {
            b.setHeader(header, "");
        } else {
            b.setHeader(header, value);
        }
        return client.send(b.GET().build());
    }

    @Test
    void aWellFormedCallSucceedsWithTheKisEnvelope() {
        KisTestClient.Reply r = client.get(PRICE, "FHKST01010100", SAMSUNG);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.rtCd()).isEqualTo("0");
        assertThat(r.msgCd()).isEqualTo("MCA00000");
        assertThat(r.header("tr_id")).isEqualTo("FHKST01010100");
        assertThat(r.header("gt_uid")).isNotBlank();
        assertThat(r.header("content-type")).startsWith("application/json");
    }

    @Test
    void headersAreCheckedInTheGatewaysOrder() {
        assertThat(priceWith("appkey", null).msgCd()).isEqualTo("EGW00102");
        assertThat(priceWith("appkey", "PSNOTAKEY").msgCd()).isEqualTo("EGW00103");
        assertThat(priceWith("appsecret", null).msgCd()).isEqualTo("EGW00104");
        assertThat(priceWith("appsecret", "wrong").msgCd()).isEqualTo("EGW00105");
        assertThat(priceWith("authorization", null).msgCd()).isEqualTo("EGW00205");
        assertThat(priceWith("authorization", "Basic abc").msgCd()).isEqualTo("EGW00205");
        assertThat(priceWith("authorization", "Bearer not-a-token").msgCd()).isEqualTo("EGW00121");
        assertThat(priceWith("custtype", null).msgCd()).isEqualTo("EGW00208");
        assertThat(priceWith("custtype", "X").msgCd()).isEqualTo("EGW00208");
        KisTestClient.Reply noTr = priceWith("tr_id", null);
        assertThat(noTr.msgCd()).isEqualTo("OPSQ9999");
        KisTestClient.Reply bad = priceWith("appsecret", "wrong");
        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.rtCd()).isEqualTo("1");
        assertThat(bad.text("msg1")).isEqualTo("유효하지 않은 AppSecret입니다.");
    }

    @Test
    void expiredTokensGetEgw00123() {
        KisSimulator own = KisSimulator.start(SimulatorSettings.builder().tokenIssueMinInterval(Duration.ZERO)
                .build());
        try {
            KisTestClient c = new KisTestClient(own).login();
            assertThat(c.get(PRICE, "FHKST01010100", SAMSUNG).rtCd()).isEqualTo("0");
            own.market().advance(Duration.ofHours(24).plusSeconds(1));
            KisTestClient.Reply expired = c.get(PRICE, "FHKST01010100", SAMSUNG);
            assertThat(expired.status()).isEqualTo(500);
            assertThat(expired.msgCd()).isEqualTo("EGW00123");
            assertThat(expired.text("msg1")).isEqualTo("기간이 만료된 token 입니다.");
            String fresh = c.issueToken().text("access_token");
            assertThat(fresh).isNotEqualTo(c.token);
        } finally {
            own.close();
        }
    }

    @Test
    void adminCanExpireOrRevokeTokens() {
        KisSimulator own = KisSimulator.start(SimulatorSettings.builder().tokenIssueMinInterval(Duration.ZERO)
                .build());
        try {
            KisTestClient c = new KisTestClient(own).login();
            assertThat(c.adminPost("/faults/tokens/expire", Map.of()).body().path("expired").asInt()).isEqualTo(1);
            assertThat(c.get(PRICE, "FHKST01010100", SAMSUNG).msgCd()).isEqualTo("EGW00123");
            c.login();
            assertThat(c.get(PRICE, "FHKST01010100", SAMSUNG).rtCd()).isEqualTo("0");
            c.adminPost("/faults/tokens/revoke", Map.of("appKey", SimAccount.demo().appKey()));
            assertThat(c.get(PRICE, "FHKST01010100", SAMSUNG).msgCd()).isEqualTo("EGW00121");
        } finally {
            own.close();
        }
    }

    @Test
    void trIdsOfTheOtherDomainAreRefusedAsKisRefusesThem() {
        String balance = KisTestClient.TRADING + "inquire-balance";
        Map<String, String> query = KisTestClient.balanceQuery("50000001");
        KisTestClient.Reply realOnPaper = paperClient.get(balance, "TTTC8434R", query);
        assertThat(realOnPaper.status()).isEqualTo(500);
        assertThat(realOnPaper.msgCd()).isEqualTo("EGW00213");
        assertThat(realOnPaper.text("msg1")).isEqualTo("모의투자 TR 이 아닙니다.");
        assertThat(paperClient.get(balance, "VTTC8434R", query).rtCd()).isEqualTo("0");

        KisTestClient.Reply paperOnReal = client.get(balance, "VTTC8434R", query);
        assertThat(paperOnReal.status()).isEqualTo(500);
        assertThat(paperOnReal.msgCd()).isEqualTo("EGW02004");
        assertThat(client.get(balance, "TTTC8434R", query).rtCd()).isEqualTo("0");

        KisTestClient.Reply unknown = client.get(balance, "TTTC9999R", query);
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.msgCd()).isEqualTo("OPSQ0002");

        KisTestClient.Reply realOnly = paperClient.get(KisTestClient.TRADING + "inquire-psbl-rvsecncl",
                "TTTC0084R", Map.of("CANO", "50000001", "ACNT_PRDT_CD", "01", "CTX_AREA_FK100", "",
                        "CTX_AREA_NK100", "", "INQR_DVSN_1", "0", "INQR_DVSN_2", "0"));
        assertThat(realOnly.status()).isEqualTo(500);
        assertThat(realOnly.msgCd()).isEqualTo("EGW00213");
    }

    @Test
    void quotationTrIsTheSameOnBothDomains() {
        KisTestClient.Reply r = paperClient.get(PRICE, "FHKST01010100", SAMSUNG);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("output").path("stck_prpr").asText()).matches("\\d+");
    }

    @Test
    void unknownPathsAnswer404() {
        KisTestClient.Reply r = client.send(HttpRequest.newBuilder(URI.create(real.restBaseUrl()
                + "/uapi/domestic-stock/v1/trading/no-such-thing")).GET().build());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.rtCd()).isEqualTo("1");
    }

    @Test
    void postBodiesMustBeJson() {
        KisTestClient.Reply r = client.post(KisTestClient.TRADING + "order-cash", "TTTC0012U", "not json");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.msgCd()).isEqualTo("OPSQ9997");
    }
}
