package kisgateway.sim.rest;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import kisgateway.sim.SimJson;

/**
 * Writes answers the way KIS does: JSON bodies whose numbers are strings, and the response headers
 * {@code Content-Type}, {@code tr_id}, {@code tr_cont} (paginated queries only) and {@code gt_uid}. How the names
 * are spelled on the wire is {@link kisgateway.sim.HeaderNameCase}'s business (RestServer applies it).
 */
final class KisReply {
    private static final AtomicLong GT_UIDS = new AtomicLong(System.nanoTime());

    private KisReply() {
    }

    static void json(RoutingContext rc, int status, String trId, String trCont, ObjectNode body) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        head(response, status, trId, trCont);
        response.end(Buffer.buffer(SimJson.bytes(body)));
    }

    /**
     * A 200 whose status line and headers go out at once and whose body follows one byte per {@code pauseMillis}
     * (the drip fault). Stops writing when the client closes the connection.
     */
    static void drip(RoutingContext rc, String trId, ObjectNode body, Vertx vertx, long pauseMillis) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] bytes = SimJson.bytes(body);
        head(response, 200, trId, null);
        response.putHeader("Content-Length", Integer.toString(bytes.length));
        response.write(Buffer.buffer(new byte[] {bytes[0]}));
        int[] next = {1};
        vertx.setPeriodic(pauseMillis, timer -> {
            if (response.closed() || response.ended()) {
                vertx.cancelTimer(timer);
                return;
            }
            Buffer one = Buffer.buffer(new byte[] {bytes[next[0]++]});
            if (next[0] == bytes.length) {
                vertx.cancelTimer(timer);
                response.end(one);
            } else {
                response.write(one);
            }
        });
    }

    private static void head(HttpServerResponse response, int status, String trId, String trCont) {
        response.setStatusCode(status);
        response.putHeader("Content-Type", "application/json; charset=utf-8");
        if (trId != null) {
            response.putHeader("tr_id", trId);
        }
        if (trCont != null) {
            response.putHeader("tr_cont", trCont);
        }
        response.putHeader("gt_uid", gtUid(GT_UIDS.incrementAndGet()));
    }

    /** A 32-character upper-case hex id per answer, like KIS's gt_uid. */
    private static String gtUid(long n) {
        String hex = Long.toHexString(n).toUpperCase(Locale.ROOT);
        return "0".repeat(32 - hex.length()) + hex;
    }

    static ObjectNode envelope(String rtCd, String msgCd, String msg1) {
        ObjectNode body = SimJson.object();
        body.put("rt_cd", rtCd);
        body.put("msg_cd", msgCd);
        body.put("msg1", msg1);
        return body;
    }

    static ObjectNode envelope(BusinessMessages.Message m) {
        return envelope(m.rtCd(), m.msgCd(), m.msg1());
    }

    static void gatewayError(RoutingContext rc, GatewayError error, String trId) {
        json(rc, error.status(), trId, null, envelope("1", error.msgCd(), error.msg1()));
    }

    static void message(RoutingContext rc, BusinessMessages.Message m, String trId) {
        json(rc, 200, trId, null, envelope(m));
    }

    /** Input validation failures: HTTP 200, rt_cd "2" (community captures of OPSQ2000). */
    static void inputError(RoutingContext rc, String msgCd, String msg1, String trId) {
        json(rc, 200, trId, null, envelope("2", msgCd, msg1));
    }

    /** The token endpoints answer errors in another shape: {@code error_code} and {@code error_description}. */
    static void oauthError(RoutingContext rc, int status, String code, String description) {
        ObjectNode body = SimJson.object();
        body.put("error_code", code);
        body.put("error_description", description);
        json(rc, status, null, null, body);
    }
}
