package kisgateway.sim;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** tokenP, revokeP, Approval and hashkey over HTTP. */
class OAuthTest {
    private static final SimAccount OTHER = new SimAccount("PSOTHERKEY0000000000000000000000000A",
            "other-secret", "otherhts", "50000002");
    private static final SimAccount THROTTLED = new SimAccount("PSTHROTTLEDKEY00000000000000000000AA",
            "throttled-secret", "throttlehts", "50000003");
    private static KisSimulator sim;
    private static KisSimulator throttling;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().accounts(java.util.List.of(SimAccount.demo(), OTHER))
                .tokenIssueMinInterval(Duration.ZERO).approvalIssueMinInterval(Duration.ZERO).build());
        throttling = KisSimulator.start(SimulatorSettings.builder().accounts(java.util.List.of(THROTTLED)).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
        throttling.close();
    }

    @Test
    void tokenHasTheKisShapeAndLivesADay() {
        KisTestClient.Reply r = new KisTestClient(sim.restBaseUrl(), OTHER).issueToken();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("token_type")).isEqualTo("Bearer");
        assertThat(r.body().path("expires_in").asLong()).isEqualTo(86_400);
        assertThat(r.text("access_token")).hasSizeLessThanOrEqualTo(350).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        LocalDateTime expiry = LocalDateTime.parse(r.text("access_token_token_expired"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        LocalDateTime nowSeoul = sim.market().clock().nowSeoul().toLocalDateTime();
        assertThat(Duration.between(nowSeoul, expiry).toMinutes()).isBetween(24 * 60L - 1, 24 * 60L);
    }

    @Test
    void reissueWithinSixHoursReturnsTheSameTokenAndAfterwardsANewOne() {
        KisTestClient client = new KisTestClient(sim);
        String first = client.issueToken().text("access_token");
        KisTestClient.Reply again = client.issueToken();
        assertThat(again.text("access_token")).isEqualTo(first);
        assertThat(again.body().path("expires_in").asLong()).isLessThanOrEqualTo(86_400);

        sim.market().advance(Duration.ofHours(6).plusMinutes(1));
        String later = client.issueToken().text("access_token");
        assertThat(later).isNotEqualTo(first);
        assertThat(sim.stats().count(SimAccount.demo().appKey(), "tokensIssued")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void issuingFasterThanTheConfiguredLimitGetsEgw00133() {
        KisTestClient client = new KisTestClient(throttling.restBaseUrl(), THROTTLED);
        assertThat(client.issueToken().status()).isEqualTo(200);
        KisTestClient.Reply second = client.issueToken();
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.text("error_code")).isEqualTo("EGW00133");
        assertThat(second.text("error_description")).contains("1분당 1회");
        assertThat(second.body().has("rt_cd")).isFalse();
    }

    @Test
    void badCredentialsAreRefusedWithTheOauthErrorShape() {
        KisTestClient.Reply badKey = new KisTestClient(sim.restBaseUrl(),
                new SimAccount("PSUNKNOWN", "x", "h", "12345678")).issueToken();
        assertThat(badKey.status()).isEqualTo(403);
        assertThat(badKey.text("error_code")).isEqualTo("EGW00103");
        KisTestClient.Reply badSecret = new KisTestClient(sim.restBaseUrl(),
                new SimAccount(OTHER.appKey(), "wrong", "h", "12345678")).issueToken();
        assertThat(badSecret.status()).isEqualTo(403);
        assertThat(badSecret.text("error_code")).isEqualTo("EGW00105");
    }

    @Test
    void approvalTakesTheSecretAsSecretkeyAndIssuesAtMostOncePerSecond() {
        KisTestClient client = new KisTestClient(throttling.restBaseUrl(), THROTTLED);
        String key = client.approvalKey();
        assertThat(key).matches("[0-9a-f-]{36}");
        KisTestClient.Reply tooSoon = client.postJson("/oauth2/Approval", Map.of("grant_type",
                "client_credentials", "appkey", THROTTLED.appKey(), "secretkey", THROTTLED.appSecret()));
        assertThat(tooSoon.status()).isEqualTo(500);
        assertThat(tooSoon.msgCd()).isEqualTo("EGW00201");

        KisTestClient.Reply asAppsecret = client.postJson("/oauth2/Approval", Map.of("grant_type",
                "client_credentials", "appkey", THROTTLED.appKey(), "appsecret", THROTTLED.appSecret()));
        assertThat(asAppsecret.status()).isEqualTo(403);
        assertThat(asAppsecret.text("error_code")).isEqualTo("EGW00104");
    }

    @Test
    void revokedTokensAreUnknown() {
        KisTestClient client = new KisTestClient(sim.restBaseUrl(), OTHER).login();
        KisTestClient.Reply revoked = client.postJson("/oauth2/revokeP", Map.of("appkey", OTHER.appKey(),
                "appsecret", OTHER.appSecret(), "token", client.token));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("code").asInt()).isEqualTo(200);
        assertThat(revoked.text("message")).isEqualTo("접근토큰 폐기에 성공하였습니다");
        KisTestClient.Reply call = client.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100",
                Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930"));
        assertThat(call.status()).isEqualTo(500);
        assertThat(call.msgCd()).isEqualTo("EGW00121");
        KisTestClient.Reply again = client.postJson("/oauth2/revokeP", Map.of("appkey", OTHER.appKey(),
                "appsecret", OTHER.appSecret(), "token", client.token));
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.text("error_code")).isEqualTo("EGW00121");
    }

    @Test
    void hashkeyEchoesTheBodyWithA64HexHash() {
        KisTestClient client = new KisTestClient(sim);
        Map<String, String> order = client.orderBody("005930", "00", 1, 70_000);
        KisTestClient.Reply r = client.send(client.kisRequest("/uapi/hashkey", "", Map.of())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(KisTestClient.json(order))).build());
        assertThat(r.status()).isEqualTo(200);
        JsonNode echoed = r.body().path("BODY");
        assertThat(echoed.path("PDNO").asText()).isEqualTo("005930");
        assertThat(echoed.path("ORD_QTY").asText()).isEqualTo("1");
        assertThat(r.text("HASH")).matches("[0-9a-f]{64}");
    }

    /**
     * kis_auth.set_order_hash_key posts with its base headers only (Content-Type, appkey, appsecret, authorization,
     * no tr_id): the hashkey function has no TR, and a call without one must not trip the per-TR counters.
     */
    @Test
    void hashkeyNeedsNoTrIdAsTheOfficialSamplesSendNone() {
        KisTestClient client = new KisTestClient(sim);
        String order = KisTestClient.json(client.orderBody("005930", "01", 1, 0));
        KisTestClient.Reply r = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sim.restBaseUrl() + "/uapi/hashkey"))
                .header("Content-Type", "application/json")
                .header("appkey", client.account.appKey())
                .header("appsecret", client.account.appSecret())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(order)).build());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.text("HASH")).matches("[0-9a-f]{64}");
    }
}
