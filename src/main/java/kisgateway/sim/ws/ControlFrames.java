package kisgateway.sim.ws;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.SimJson;

/**
 * JSON control frames of the KIS WebSocket: subscribe/unsubscribe answers and PINGPONG. Every answer carries
 * header.tr_id, tr_key and encrypt, because the official client reads all three from any non-PINGPONG control
 * frame ([OTA] kis_auth.py system_resp). Errors have rt_cd "1" and no output.
 */
final class ControlFrames {
    static final String SUBSCRIBED = "OPSP0000";
    static final String UNSUBSCRIBED = "OPSP0001";
    static final String ALREADY_SUBSCRIBED = "OPSP0002";
    static final String NOT_SUBSCRIBED = "OPSP0003";
    static final String MAX_SUBSCRIBE_OVER = "OPSP0008";
    static final String INVALID_APPROVAL = "OPSP0011";
    static final String INVALID_TR_ID = "OPSP8991";
    static final String INVALID_TR_KEY = "OPSP8992";
    static final String APPKEY_IN_USE = "OPSP8996";
    static final String INVALID_TR_TYPE = "OPSP8997";
    static final String INVALID_CUSTTYPE = "OPSP8998";
    static final String INPUT_NOT_FOUND = "OPSP9991";
    static final String BODY_NOT_FOUND = "OPSP9992";
    static final String CUSTTYPE_NOT_FOUND = "OPSP9997";
    static final String HEADER_NOT_FOUND = "OPSP9998";
    static final String INVALID_JSON = "OPSP9999";

    private static final DateTimeFormatter YYYYMMDDHHMMSS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private ControlFrames() {
    }

    static String subscribed(String trId, String trKey, boolean encrypted, NoticeEncryptor keys) {
        ObjectNode frame = header(trId, trKey, encrypted);
        ObjectNode body = body(frame, "0", SUBSCRIBED, "SUBSCRIBE SUCCESS");
        ObjectNode output = body.putObject("output");
        output.put("iv", keys.iv());
        output.put("key", keys.key());
        return SimJson.write(frame);
    }

    static String unsubscribed(String trId, String trKey) {
        ObjectNode frame = header(trId, trKey, false);
        body(frame, "0", UNSUBSCRIBED, "UNSUBSCRIBE SUCCESS");
        return SimJson.write(frame);
    }

    static String error(String trId, String trKey, String msgCd) {
        ObjectNode frame = header(trId, trKey, false);
        body(frame, "1", msgCd, messageOf(msgCd));
        return SimJson.write(frame);
    }

    static String pingPong(ZonedDateTime seoulNow) {
        return "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"" + seoulNow.format(YYYYMMDDHHMMSS) + "\"}}";
    }

    /** Message texts as the portal's error-code table words them. */
    static String messageOf(String msgCd) {
        return switch (msgCd) {
            case ALREADY_SUBSCRIBED -> "ALREADY IN SUBSCRIBE";
            case NOT_SUBSCRIBED -> "UNSUBSCRIBE ERROR(not found!)";
            case MAX_SUBSCRIBE_OVER -> "MAX SUBSCRIBE OVER";
            case INVALID_APPROVAL -> "invalid approval : NOT FOUND";
            case INVALID_TR_ID -> "SUBSCRIBE ERROR : invalid tr_id";
            case INVALID_TR_KEY -> "SUBSCRIBE ERROR : invalid tr_key";
            case APPKEY_IN_USE -> "ALREADY IN USE appkey";
            case INVALID_TR_TYPE -> "JSON PARSING ERROR : invalid tr_type";
            case INVALID_CUSTTYPE -> "JSON PARSING ERROR : invalid custtype";
            case INPUT_NOT_FOUND -> "JSON PARSING ERROR : input not found";
            case BODY_NOT_FOUND -> "JSON PARSING ERROR : body not found";
            case CUSTTYPE_NOT_FOUND -> "JSON PARSING ERROR : custtype not found";
            case HEADER_NOT_FOUND -> "JSON PARSING ERROR : header not found";
            case INVALID_JSON -> "JSON PARSING ERROR : invalid json format";
            default -> "SUBSCRIBE INTERNAL ERROR";
        };
    }

    private static ObjectNode header(String trId, String trKey, boolean encrypted) {
        ObjectNode frame = SimJson.object();
        ObjectNode header = frame.putObject("header");
        header.put("tr_id", trId == null ? "" : trId);
        header.put("tr_key", trKey == null ? "" : trKey);
        header.put("encrypt", encrypted ? "Y" : "N");
        return frame;
    }

    private static ObjectNode body(ObjectNode frame, String rtCd, String msgCd, String msg1) {
        ObjectNode body = frame.putObject("body");
        body.put("rt_cd", rtCd);
        body.put("msg_cd", msgCd);
        body.put("msg1", msg1);
        return body;
    }
}
