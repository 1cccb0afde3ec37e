package kisgateway.sim.rest;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.SecretMask;
import kisgateway.sim.SimJson;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.ApprovalKeyIssuer;
import kisgateway.sim.auth.TokenIssuer;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.stats.SimStats;

/**
 * POST /oauth2/tokenP, /oauth2/revokeP and /oauth2/Approval. Their JSON bodies carry the credentials in lowercase
 * keys, and their errors come as HTTP 403 {@code {"error_code","error_description"}}, not the usual envelope.
 */
final class OAuthEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthEndpoints.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AppKeyDirectory appKeys;
    private final TokenIssuer tokens;
    private final ApprovalKeyIssuer approvals;
    private final SimStats stats;

    OAuthEndpoints(AppKeyDirectory appKeys, TokenIssuer tokens, ApprovalKeyIssuer approvals, SimStats stats) {
        this.appKeys = appKeys;
        this.tokens = tokens;
        this.approvals = approvals;
        this.stats = stats;
    }

    void issueToken(KisCall call) {
        String appKey = text(call.body, "appkey");
        if (!credentialsValid(call, appKey, text(call.body, "appsecret"), true)) {
            return;
        }
        TokenIssuer.Issuance issuance = tokens.issue(appKey);
        stats.tokenCall(appKey, !issuance.throttled() && !issuance.reused(), issuance.throttled());
        if (issuance.throttled()) {
            LOG.info("tokenP throttled appKey={} code=EGW00133", SecretMask.mask(appKey));
            KisReply.oauthError(call.rc, 403, "EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)");
            return;
        }
        ObjectNode body = SimJson.object();
        body.put("access_token", issuance.token().value());
        body.put("access_token_token_expired",
                issuance.token().expiresAt().atZone(SessionClock.SEOUL).format(EXPIRY));
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.between(issuance.at(), issuance.token().expiresAt()).getSeconds());
        LOG.info("tokenP appKey={} token={} reused={}", SecretMask.mask(appKey),
                SecretMask.mask(issuance.token().value()), issuance.reused());
        KisReply.json(call.rc, 200, null, null, body);
    }

    void revokeToken(KisCall call) {
        String appKey = text(call.body, "appkey");
        if (!credentialsValid(call, appKey, text(call.body, "appsecret"), true)) {
            return;
        }
        String token = text(call.body, "token");
        if (token == null || !tokens.revoke(token, appKey)) {
            KisReply.oauthError(call.rc, 403, "EGW00121", "유효하지 않은 token 입니다.");
            return;
        }
        ObjectNode body = SimJson.object();
        body.put("code", 200);
        body.put("message", "접근토큰 폐기에 성공하였습니다");
        KisReply.json(call.rc, 200, null, null, body);
    }

    /** The secret travels as {@code secretkey} here, not {@code appsecret} (spec note on /oauth2/Approval). */
    void issueApprovalKey(KisCall call) {
        String appKey = text(call.body, "appkey");
        if (!credentialsValid(call, appKey, text(call.body, "secretkey"), false)) {
            return;
        }
        Optional<String> key = approvals.issue(appKey);
        if (key.isEmpty()) {
            KisReply.gatewayError(call.rc, GatewayError.RATE_LIMITED, null);
            return;
        }
        stats.approvalKeyIssued(appKey);
        ObjectNode body = SimJson.object();
        body.put("approval_key", key.get());
        LOG.info("approval key issued appKey={} approvalKey={}", SecretMask.mask(appKey), SecretMask.mask(key.get()));
        KisReply.json(call.rc, 200, null, null, body);
    }

    private boolean credentialsValid(KisCall call, String appKey, String secret, boolean requireGrant) {
        if (call.body == null) {
            KisReply.oauthError(call.rc, 403, "EGW00101", "유효하지 않은 요청입니다.");
            return false;
        }
        String grant = text(call.body, "grant_type");
        if (requireGrant && grant != null && !grant.equals("client_credentials")) {
            KisReply.oauthError(call.rc, 403, "EGW00116", "지원하지 않는 권한부여 타입(grant_type)입니다.");
            return false;
        }
        if (appKey == null || appKey.isBlank()) {
            KisReply.oauthError(call.rc, 403, "EGW00102", "AppKey는 필수입니다.");
            return false;
        }
        if (!appKeys.knows(appKey)) {
            KisReply.oauthError(call.rc, 403, "EGW00103", "유효하지 않은 AppKey입니다.");
            return false;
        }
        if (secret == null || secret.isBlank()) {
            KisReply.oauthError(call.rc, 403, "EGW00104", "AppSecret은 필수입니다.");
            return false;
        }
        if (!appKeys.secretMatches(appKey, secret)) {
            KisReply.oauthError(call.rc, 403, "EGW00105", "유효하지 않은 AppSecret입니다.");
            return false;
        }
        return true;
    }

    private static String text(ObjectNode body, String field) {
        return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
    }
}
