package kisgateway.kis.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.AppCredentials;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpRequest;
import kisgateway.kis.http.KisHttpResponse;
import kisgateway.kis.http.KisHttpTransport;

/** The two issuance calls: POST /oauth2/tokenP (access token) and POST /oauth2/Approval (WebSocket approval key). */
public final class KisAuthClient {

    static final String TOKEN_PATH = "/oauth2/tokenP";
    static final String APPROVAL_PATH = "/oauth2/Approval";
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    /** kis_auth.py save_token parses it with %Y-%m-%d %H:%M:%S, in KST. */
    private static final DateTimeFormatter EXPIRY_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final KisEnvironment environment;
    private final KisHttpTransport transport;
    private final KisResponseClassifier classifier;
    private final ObjectMapper json;
    private final Clock clock;

    public KisAuthClient(KisEnvironment environment, KisHttpTransport transport, KisResponseClassifier classifier,
                         ObjectMapper json, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CredentialIssuer<AccessToken> accessTokenIssuer() {
        return this::issueAccessToken;
    }

    public CredentialIssuer<ApprovalKey> approvalKeyIssuer(Duration lifetime) {
        return credentials -> issueApprovalKey(credentials, lifetime);
    }

    /**
     * The expiry comes from {@code access_token_token_expired} (KST) rather than {@code expires_in}: mojito found
     * the server's idea of expiry to differ from issued-at + expires_in. {@code expires_in} is only the fallback.
     */
    public IssuedCredential<AccessToken> issueAccessToken(AppCredentials credentials) {
        String what = "POST " + TOKEN_PATH;
        Instant issuedAt = clock.instant();
        JsonNode answer = post(TOKEN_PATH, credentials, "appsecret", what);
        String token = required(answer, "access_token", what);
        return new IssuedCredential<>(new AccessToken(token), issuedAt, expiry(answer, issuedAt, what));
    }

    /**
     * The request field is {@code secretkey}, not {@code appsecret} (the portal's approval-key page says so on
     * purpose, docs/architecture.md#tokens-and-approval-keys).
     */
    public IssuedCredential<ApprovalKey> issueApprovalKey(AppCredentials credentials, Duration lifetime) {
        String what = "POST " + APPROVAL_PATH;
        Instant issuedAt = clock.instant();
        String key = required(post(APPROVAL_PATH, credentials, "secretkey", what), "approval_key", what);
        return new IssuedCredential<>(new ApprovalKey(key), issuedAt, issuedAt.plus(lifetime));
    }

    private static String required(JsonNode answer, String field, String what) {
        String value = answer.path(field).asText("");
        if (value.isBlank()) {
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.MISSING_FIELD, what, 200, "no " + field, null);
        }
        return value;
    }

    /** @param secretField "appsecret" for tokenP, "secretkey" for Approval */
    private JsonNode post(String path, AppCredentials credentials, String secretField, String what) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        body.put("appkey", credentials.appKey().reveal());
        body.put(secretField, credentials.appSecret().reveal());
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings", e);
        }
        // tokenP takes only content-type (docs/architecture.md#tokens-and-approval-keys); no appkey header, no tr_id.
        KisHttpRequest request = new KisHttpRequest("POST", environment.restBaseUri().resolve(path),
                Map.of("content-type", "application/json; charset=utf-8"), text, what);
        KisHttpResponse response = transport.send(request);
        return classifier.classifyAuth(what, response.status(), response.body());
    }

    private static Instant expiry(JsonNode answer, Instant issuedAt, String what) {
        String expired = answer.path("access_token_token_expired").asText("").trim();
        if (!expired.isEmpty()) {
            try {
                return LocalDateTime.parse(expired, EXPIRY_FORMAT).atZone(KST).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to expires_in
            }
        }
        String expiresIn = answer.path("expires_in").asText("").trim();
        if (expiresIn.matches("\\d{1,10}")) {
            return issuedAt.plusSeconds(Long.parseLong(expiresIn));
        }
        throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.MISSING_FIELD, what, 200,
                "neither access_token_token_expired nor expires_in", null);
    }
}
