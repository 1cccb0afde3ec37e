package kisgateway.kis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.FakeClock;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.ScriptedHttpServer;
import kisgateway.kis.ScriptedHttpServer.Reply;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisCredentialsRejected;
import kisgateway.kis.error.KisIssuanceThrottled;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KisAuthClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private final FakeClock clock = new FakeClock(Instant.parse("2026-07-09T01:00:00Z"));
    private final AppCredentials credentials = AppCredentials.of(AccessTokenServiceTest.APP_KEY,
            AccessTokenServiceTest.APP_SECRET);
    private ScriptedHttpServer server;
    private KisAuthClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpServer();
        KisEnvironment environment = KisEnvironment.sim(server.baseUri(), server.baseUri());
        client = new KisAuthClient(environment, KisHttpTransport.create(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                new KisResponseClassifier(json), json, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void issuesATokenAndTrustsTheKstExpiryOverExpiresIn() throws Exception {
        server.on("/oauth2/tokenP", r -> Reply.json(200, "{\"access_token\":\"eyJ0eXAiOiJKV1Qi\",\"token_type\":\"Bearer\","
                + "\"expires_in\":86400,\"access_token_token_expired\":\"2026-07-10 09:30:00\"}"));
        IssuedCredential<AccessToken> issued = client.issueAccessToken(credentials);
        assertThat(issued.value().reveal()).isEqualTo("eyJ0eXAiOiJKV1Qi");
        assertThat(issued.issuedAt()).isEqualTo(clock.instant());
        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-07-10T00:30:00Z"));
        ScriptedHttpServer.Received request = server.received("/oauth2/tokenP").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("appkey")).isNull();
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("grant_type").asText()).isEqualTo("client_credentials");
        assertThat(body.path("appkey").asText()).isEqualTo(AccessTokenServiceTest.APP_KEY);
        assertThat(body.path("appsecret").asText()).isEqualTo(AccessTokenServiceTest.APP_SECRET);
    }

    @Test
    void fallsBackToExpiresInWithoutTheKstField() {
        server.on("/oauth2/tokenP", r -> Reply.json(200, "{\"access_token\":\"eyJ\",\"expires_in\":\"7776000\"}"));
        assertThat(client.issueAccessToken(credentials).expiresAt()).isEqualTo(clock.instant().plusSeconds(7776000));
    }

    @Test
    void aSuccessWithoutATokenIsNotASuccess() {
        server.on("/oauth2/tokenP", r -> Reply.json(200, "{\"token_type\":\"Bearer\"}"));
        assertThatThrownBy(() -> client.issueAccessToken(credentials)).isInstanceOf(KisAmbiguousOutcome.class);
    }

    @Test
    void throttleAndBadKeyArriveIn403ErrorShape() {
        server.on("/oauth2/tokenP", r -> Reply.json(403,
                "{\"error_code\":\"EGW00133\",\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\"}"));
        assertThatThrownBy(() -> client.issueAccessToken(credentials)).isInstanceOf(KisIssuanceThrottled.class)
                .hasMessageNotContaining(AccessTokenServiceTest.APP_KEY);
        server.on("/oauth2/tokenP", r -> Reply.json(403,
                "{\"error_code\":\"EGW00103\",\"error_description\":\"유효하지 않은 AppKey입니다.\"}"));
        assertThatThrownBy(() -> client.issueAccessToken(credentials)).isInstanceOf(KisCredentialsRejected.class);
    }

    @Test
    void approvalKeyIsRequestedWithSecretkeyAndLivesTheConfiguredTime() throws Exception {
        server.on("/oauth2/Approval", r -> Reply.json(200, "{\"approval_key\":\"a2585daf-8c09-4587-9fce-8ab893b1aa5d\"}"));
        IssuedCredential<ApprovalKey> issued = client.approvalKeyIssuer(Duration.ofHours(24)).issue(credentials);
        assertThat(issued.value().reveal()).isEqualTo("a2585daf-8c09-4587-9fce-8ab893b1aa5d");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        JsonNode body = json.readTree(server.received("/oauth2/Approval").get(0).body());
        assertThat(body.path("secretkey").asText()).isEqualTo(AccessTokenServiceTest.APP_SECRET);
        assertThat(body.has("appsecret")).isFalse();
        assertThat(body.path("appkey").asText()).isEqualTo(AccessTokenServiceTest.APP_KEY);
    }
}
