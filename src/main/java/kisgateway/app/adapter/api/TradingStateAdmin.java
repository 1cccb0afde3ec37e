package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import kisgateway.app.console.OperatorLogins;
import kisgateway.order.StrategyPermissions;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.KillSwitchKeys;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;

/**
 * The kill switches over REST ({@code /api/admin/trading-states}): read them, and move one with a reason. Every
 * change needs the operator's credentials (HTTP Basic) in every mode, is persisted and audited with the
 * operator as the actor (KillSwitchBoard), and takes effect for the next order.
 */
public final class TradingStateAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KillSwitchBoard board;
    private final OperatorLogins operator;
    private final KillSwitchKeys keys;

    public TradingStateAdmin(KillSwitchBoard board, OperatorLogins operator, KillSwitchKeys keys) {
        this.board = board;
        this.operator = operator;
        this.keys = keys;
    }

    /** @return the operator's user name */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StrategyPermissions.NotAuthenticated("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!operator.accepts(user, password)) {
            throw new StrategyPermissions.NotAuthenticated("wrong operator credentials");
        }
        return user;
    }

    public String list() {
        ArrayNode out = JSON.createArrayNode();
        board.snapshot().values().stream()
                .sorted(java.util.Comparator.comparing((TradingStateEntry e) -> e.scope().kind()).thenComparing(e -> e.scope().key()))
                .forEach(e -> out.add(view(e)));
        return out.toString();
    }

    /** PUT body: {"state": "ACTIVE|REDUCING|HALTED", "reason": "..."}. */
    public String change(String scope, String key, String body, String actor) {
        // the scope first: a switch that does not exist is the answer, whatever the body says
        KillSwitchScope target = scope(scope, key);
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body must be JSON {\"state\": ..., \"reason\": ...}");
        }
        if (request == null || !request.hasNonNull("state") || !request.hasNonNull("reason")) {
            throw new IllegalArgumentException("body must say the state (ACTIVE, REDUCING, HALTED) and a reason");
        }
        TradingState state;
        try {
            state = TradingState.valueOf(request.get("state").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be ACTIVE, REDUCING or HALTED");
        }
        return view(board.switchTo(target, state, actor, request.get("reason").asText())).toString();
    }

    /** A kill switch of this gateway's, or {@link KillSwitchKeys.UnknownKillSwitch} with the keys there are. */
    public KillSwitchScope scope(String scope, String key) {
        return keys.scope(scope, key);
    }

    private static ObjectNode view(TradingStateEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("scope", e.scope().kind().name());
        n.put("key", e.scope().key());
        n.put("state", e.state().name());
        n.put("reason", e.reason());
        n.put("changedBy", e.changedBy());
        n.put("changedAt", e.changedAt().toString());
        if (e.state() != TradingState.ACTIVE) {
            // where the leader reports what the switch canceled (GET /api/admin/mass-cancels/{id})
            n.put("massCancelId", kisgateway.order.masscancel.MassCancelRequest.forSwitch(e).requestId());
        }
        return n;
    }
}
