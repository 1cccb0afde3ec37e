package kisgateway.kis.error;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an HTTP answer from KIS into either the body to read or the one typed {@link KisException} that says
 * what happened. The only place that knows KIS error codes; routes branch on the exception type.
 *
 * <p>KIS quirks handled here (docs/architecture.md#error-codes): gateway errors (EGW…) arrive mostly as HTTP 500
 * with the usual
 * {@code rt_cd/msg_cd/msg1} body, but EGW00123 was also seen on 200; OAuth errors use a different shape
 * ({@code error_code/error_description}, HTTP 403); {@code msg1} is right-padded with spaces.
 */
public final class KisResponseClassifier {

    private final ObjectMapper json;

    public KisResponseClassifier(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * For {@code /uapi/...} calls (the {@code rt_cd} envelope).
     *
     * @param what the TR ID or endpoint, for messages (never a credential)
     * @return the parsed body when KIS answered {@code rt_cd "0"}
     */
    public JsonNode classifyRest(String what, int status, String body) {
        JsonNode node = parseObject(body);
        String rtCd = node == null ? null : text(node, "rt_cd");
        if (isSuccessStatus(status) && "0".equals(rtCd)) {
            return node;
        }
        String code = errorCode(node);
        String message = errorMessage(node);
        throwIfKnownCode(what, status, code, message);
        if (isSuccessStatus(status)) {
            if (node == null) {
                throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.UNPARSABLE_BODY, what, status,
                        describeBody(body), null);
            }
            if (rtCd == null) {
                throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.MISSING_FIELD, what, status, "no rt_cd", null);
            }
            throw new KisBusinessReject(what, rtCd, code, message);
        }
        throw unrecognisedStatus(what, status, code, message, body);
    }

    /** For {@code /oauth2/...} calls, whose success body has no {@code rt_cd}. */
    public JsonNode classifyAuth(String what, int status, String body) {
        JsonNode node = parseObject(body);
        if (isSuccessStatus(status) && node != null && errorCode(node).isEmpty()) {
            return node;
        }
        String code = errorCode(node);
        String message = errorMessage(node);
        throwIfKnownCode(what, status, code, message);
        if (isSuccessStatus(status)) {
            throw new KisAmbiguousOutcome(node == null ? KisAmbiguousOutcome.Reason.UNPARSABLE_BODY
                    : KisAmbiguousOutcome.Reason.SERVER_ERROR_UNRECOGNISED, what, status,
                    node == null ? describeBody(body) : code + " " + message, null);
        }
        throw unrecognisedStatus(what, status, code, message, body);
    }

    private static void throwIfKnownCode(String what, int status, String code, String message) {
        switch (code) {
            case "EGW00201":
                throw new KisRateLimited(what, status, message);
            case "EGW00123":
                throw new KisTokenRejected(KisTokenRejected.Reason.EXPIRED, what, status, message);
            case "EGW00121":
                throw new KisTokenRejected(KisTokenRejected.Reason.INVALID, what, status, message);
            case "EGW00122":
                throw new KisTokenRejected(KisTokenRejected.Reason.NOT_FOUND, what, status, message);
            case "EGW00133":
                throw new KisIssuanceThrottled(what, status, message);
            case "EGW00103":
            case "EGW00105":
                throw new KisCredentialsRejected(what, status, code, message);
            case "EGW00206":
            case "EGW00207":
            case "EGW00208":
            case "EGW00210":
            case "EGW00213":
            case "EGW02004":
            case "MCA00124":
                throw new KisPermissionDenied(what, status, code, message);
            default:
                break;
        }
        // VTS answers a real-only TR with this text and no stable code (kis-agent #44); compare without spaces/case
        // because EGW00213's wording is "모의투자 tr이 아닙니다".
        String squeezed = message.replace(" ", "").toLowerCase(Locale.ROOT);
        if (squeezed.contains("모의투자tr이아닙니다")) {
            throw new KisPermissionDenied(what, status, code.isEmpty() ? "-" : code, message);
        }
    }

    private static KisAmbiguousOutcome unrecognisedStatus(String what, int status, String code, String message,
                                                          String body) {
        String detail = code.isEmpty() && message.isEmpty() ? describeBody(body) : (code + " " + message).trim();
        return new KisAmbiguousOutcome(status >= 500 ? KisAmbiguousOutcome.Reason.SERVER_ERROR_UNRECOGNISED
                : KisAmbiguousOutcome.Reason.UNEXPECTED_HTTP_STATUS, what, status, detail, null);
    }

    private static boolean isSuccessStatus(int status) {
        return status >= 200 && status < 300;
    }

    private JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String errorCode(JsonNode node) {
        if (node == null) {
            return "";
        }
        String code = text(node, "msg_cd");
        if (code == null || code.isBlank()) {
            code = text(node, "error_code");
        }
        return code == null ? "" : code.trim();
    }

    private static String errorMessage(JsonNode node) {
        if (node == null) {
            return "";
        }
        String message = text(node, "msg1");
        if (message == null || message.isBlank()) {
            message = text(node, "error_description");
        }
        return message == null ? "" : message.strip();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Never the body itself: a token endpoint's body holds the token. */
    private static String describeBody(String body) {
        return body == null || body.isEmpty() ? "empty body" : "unreadable body of " + body.length() + " chars";
    }
}
