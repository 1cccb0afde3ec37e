package kisgateway.sim.rest;

/**
 * Errors the KIS API gateway answers itself, before any business logic: HTTP 500 with the normal
 * {@code rt_cd/msg_cd/msg1} body ([PYKIS] kis.py reads msg_cd on non-2xx). Texts follow the portal's error-code
 * table; the HTTP status of the OPSQ family is not documented and follows the EGW one.
 */
enum GatewayError {
    SERVER_ERROR(500, "EGW00002", "서버 에러가 발생했습니다."),
    APPKEY_REQUIRED(500, "EGW00102", "AppKey는 필수입니다."),
    INVALID_APPKEY(500, "EGW00103", "유효하지 않은 AppKey입니다."),
    APPSECRET_REQUIRED(500, "EGW00104", "AppSecret은 필수입니다."),
    INVALID_APPSECRET(500, "EGW00105", "유효하지 않은 AppSecret입니다."),
    INVALID_TOKEN(500, "EGW00121", "유효하지 않은 token 입니다."),
    TOKEN_EXPIRED(500, "EGW00123", "기간이 만료된 token 입니다."),
    RATE_LIMITED(500, "EGW00201", "초당 거래건수를 초과하였습니다."),
    INVALID_CREDENTIALS_TYPE(500, "EGW00205", "credentials_type이 유효하지 않습니다.(Bearer)"),
    INVALID_CUSTTYPE(500, "EGW00208", "고객유형(custtype)이 유효하지 않습니다."),
    NOT_A_PAPER_TR(500, "EGW00213", "모의투자 TR 이 아닙니다."),
    PAPER_KEY_ON_REAL_DOMAIN(500, "EGW02004", "실전투자 도메인은 모의투자 앱키로 호출하실 수 없습니다."),
    NO_SUCH_SERVICE(500, "OPSQ0002", "없는 서비스 코드 입니다."),
    INVALID_JSON(500, "OPSQ9997", "JSON PARSING ERROR : invalid json format"),
    TR_ID_NOT_FOUND(500, "OPSQ9999", "JSON PARSING ERROR : tr_id not found"),
    SERVICE_NOT_FOUND(404, "MCA00124", "해당 서비스를 찾을수 없습니다");

    private final int status;
    private final String msgCd;
    private final String msg1;

    GatewayError(int status, String msgCd, String msg1) {
        this.status = status;
        this.msgCd = msgCd;
        this.msg1 = msg1;
    }

    int status() {
        return status;
    }

    String msgCd() {
        return msgCd;
    }

    String msg1() {
        return msg1;
    }
}
