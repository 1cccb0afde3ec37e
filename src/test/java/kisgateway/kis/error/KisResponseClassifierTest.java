package kisgateway.kis.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KisResponseClassifierTest {

    private final KisResponseClassifier classifier = new KisResponseClassifier(new ObjectMapper());

    private static String envelope(String rtCd, String msgCd, String msg1) {
        return "{\"rt_cd\":\"" + rtCd + "\",\"msg_cd\":\"" + msgCd + "\",\"msg1\":\"" + msg1 + "\"}";
    }

    @Test
    void successReturnsTheBody() {
        JsonNode body = classifier.classifyRest("TTTC0012U", 200,
                "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"주문 전송 완료 되었습니다.\",\"output\":{\"ODNO\":\"0001569157\"}}");
        assertThat(body.path("output").path("ODNO").asText()).isEqualTo("0001569157");
    }

    @Test
    void businessRejectKeepsCodesAndTrimsThePaddedMessage() {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 200,
                envelope("7", "APBK0952", "주문가능금액을 초과 했습니다                    ")))
                .isInstanceOfSatisfying(KisBusinessReject.class, e -> {
                    assertThat(e.rtCd()).isEqualTo("7");
                    assertThat(e.msgCd()).isEqualTo("APBK0952");
                    assertThat(e.msg1()).isEqualTo("주문가능금액을 초과 했습니다");
                    assertThat(e.trId()).isEqualTo("TTTC0012U");
                    assertThat(e.sendOutcome()).isEqualTo(SendOutcome.REFUSED);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"500", "200"})
    void rateLimitOnEitherStatus(int status) {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC8434R", status,
                envelope("1", "EGW00201", "초당 거래건수를 초과하였습니다.")))
                .isInstanceOfSatisfying(KisRateLimited.class, e -> assertThat(e.httpStatus()).isEqualTo(status));
    }

    @ParameterizedTest(name = "{1} on HTTP {0}")
    @CsvSource({
            "500, EGW00123, EXPIRED", "200, EGW00123, EXPIRED",
            "500, EGW00121, INVALID", "200, EGW00121, INVALID",
            "500, EGW00122, NOT_FOUND", "200, EGW00122, NOT_FOUND"})
    void tokenProblemsOnEitherStatus(int status, String code, KisTokenRejected.Reason reason) {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC8434R", status, envelope("1", code, "token")))
                .isInstanceOfSatisfying(KisTokenRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.safeToResend()).isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"EGW00103", "EGW00105"})
    void credentialsRejected(String code) {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC8434R", 500, envelope("1", code, "유효하지 않은 AppKey입니다.")))
                .isInstanceOfSatisfying(KisCredentialsRejected.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThatThrownBy(() -> classifier.classifyAuth("tokenP", 403,
                "{\"error_code\":\"" + code + "\",\"error_description\":\"유효하지 않은 AppKey입니다.\"}"))
                .isInstanceOf(KisCredentialsRejected.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"EGW00206", "EGW00207", "EGW00208", "EGW00210", "EGW00213", "EGW02004", "MCA00124"})
    void permissionProblems(String code) {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0084R", 500, envelope("1", code, "권한 없음")))
                .isInstanceOfSatisfying(KisPermissionDenied.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void realOnlyTrOnVtsIsAPermissionProblemWhateverTheCode() {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0084R", 500, envelope("1", "", "모의투자 TR 이 아닙니다.")))
                .isInstanceOf(KisPermissionDenied.class);
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0084R", 200, envelope("1", "OPSQ0002", "모의투자 tr이 아닙니다")))
                .isInstanceOf(KisPermissionDenied.class);
    }

    @Test
    void issuanceThrottleHasItsOwnShape() {
        assertThatThrownBy(() -> classifier.classifyAuth("POST /oauth2/tokenP", 403,
                "{\"error_code\":\"EGW00133\",\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\"}"))
                .isInstanceOf(KisIssuanceThrottled.class).hasMessageContaining("1분당 1회");
    }

    @Test
    void authSuccessHasNoRtCd() {
        JsonNode node = classifier.classifyAuth("tokenP", 200, "{\"access_token\":\"eyJ\",\"token_type\":\"Bearer\"}");
        assertThat(node.path("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void serverErrorWithoutAKnownCodeIsAmbiguous() {
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 500, envelope("1", "XXXX0001", "내부 오류")))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                    assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.SERVER_ERROR_UNRECOGNISED);
                    assertThat(e.sendOutcome()).isEqualTo(SendOutcome.UNKNOWN);
                    assertThat(e.safeToResend()).isFalse();
                    assertThat(e).hasMessageContaining("XXXX0001");
                });
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 502, "<html>bad gateway</html>"))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e ->
                        assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.SERVER_ERROR_UNRECOGNISED));
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 404, ""))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e ->
                        assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.UNEXPECTED_HTTP_STATUS));
    }

    @Test
    void unreadableSuccessIsAmbiguousAndNeverEchoesTheBody() {
        String body = "{\"access_token\":\"eyJSECRETTOKEN\"";
        assertThatThrownBy(() -> classifier.classifyAuth("tokenP", 200, body))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                    assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.UNPARSABLE_BODY);
                    assertThat(e.getMessage()).doesNotContain("SECRETTOKEN");
                });
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 200, "{\"output\":{}}"))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e ->
                        assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.MISSING_FIELD));
        assertThatThrownBy(() -> classifier.classifyRest("TTTC0012U", 200, "[1,2]"))
                .isInstanceOf(KisAmbiguousOutcome.class);
    }
}
