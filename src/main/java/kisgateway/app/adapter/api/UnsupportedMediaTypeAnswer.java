package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The answer to a body of a media type an API operation does not consume. Vert.x refuses it before any route
 * runs (the operation's {@code consumes}), with 415 and an empty body; every other refusal of the API says its
 * reason, so this one does too, in the same JSON shape. Vert.x lets a request that no route takes for its media
 * type fall through to the routes added later: these, one per operation that consumes JSON.
 */
public final class UnsupportedMediaTypeAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LAST = Integer.MAX_VALUE;

    private UnsupportedMediaTypeAnswer() {
    }

    /** On the operations server's router; call once the HTTP server has started. */
    public static void install(CamelContext context) {
        java.util.Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.isEmpty()) {
            throw new IllegalStateException("no platform-http router to answer unsupported media types on");
        }
        routers.forEach(UnsupportedMediaTypeAnswer::install);
    }

    private static void install(VertxPlatformHttpRouter router) {
        // the operations of routes/order-api.camel.yaml and routes/rollout.camel.yaml that consume application/json.
        // Last in the router's order whenever the operations were added: a reload of a route file adds them again,
        // after these, and Vert.x would otherwise answer every such call with 415 from then on
        for (String put : new String[] {"/api/admin/trading-states/:scope/:key", "/api/admin/rollout/accounts/:account",
                "/api/admin/rollout/accounts/:account/strategies/:strategy",
                "/api/admin/rollout/accounts/:account/caps/:cap",
                "/api/admin/rollout/accounts/:account/strategies/:strategy/caps/:cap"}) {
            router.put(put).order(LAST).handler(UnsupportedMediaTypeAnswer::answer);
        }
        router.post("/api/orders").order(LAST).handler(UnsupportedMediaTypeAnswer::answer);
    }

    private static void answer(io.vertx.ext.web.RoutingContext rc) {
        String sent = rc.request().getHeader("Content-Type");
        ObjectNode n = JSON.createObjectNode();
        n.put("status", 415);
        n.put("error", "the body must be application/json, not "
                + (sent == null ? "a body without a Content-Type" : printable(sent)));
        rc.response().setStatusCode(415).putHeader("Content-Type", "application/json").end(n.toString());
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.codePoints().collect(StringBuilder::new,
                (sb, c) -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c), StringBuilder::append).toString();
    }
}
