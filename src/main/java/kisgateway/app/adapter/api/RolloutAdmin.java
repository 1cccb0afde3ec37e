package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import kisgateway.risk.rollout.CapChange;
import kisgateway.risk.rollout.CapEntry;
import kisgateway.risk.rollout.PendingCapRaise;
import kisgateway.risk.rollout.PendingPromotion;
import kisgateway.risk.rollout.PilotCapBoard;
import kisgateway.risk.rollout.RampGate;
import kisgateway.risk.rollout.RampState;
import kisgateway.risk.rollout.PhaseEntry;
import kisgateway.risk.rollout.RolloutBoard;
import kisgateway.risk.rollout.RolloutChange;
import kisgateway.risk.rollout.RolloutPhase;
import kisgateway.risk.rollout.RolloutScope;

/**
 * The rollout phases and PILOT caps over REST ({@code /api/admin/rollout}) and JMX: read them with what waits for
 * approval, move a phase or set a cap with a reason, approve or withdraw a pending promotion or cap raise. The operator is authenticated by the route
 * ({@link TradingStateAdmin#authenticate}); the rules are {@link RolloutBoard}'s. Answers are JSON
 * (docs/schemas/rollout-*.schema.json).
 */
public final class RolloutAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RolloutBoard board;
    private final PilotCapBoard caps;
    private final RampGate ramps;
    private final Set<String> accounts;
    private final Set<String> strategies;
    private final BiPredicate<String, String> strategyTrades;

    public RolloutAdmin(RolloutBoard board, PilotCapBoard caps, RampGate ramps, Set<String> accounts,
                        Set<String> strategies, BiPredicate<String, String> strategyTrades) {
        this.board = board;
        this.caps = caps;
        this.ramps = ramps;
        this.accounts = new TreeSet<>(accounts);
        this.strategies = new TreeSet<>(strategies);
        this.strategyTrades = strategyTrades;
    }

    /** Every account's phase, the strategies' own and effective ones, and the promotions that wait. */
    public String list() {
        ObjectNode out = JSON.createObjectNode();
        out.put("fourEyes", board.fourEyes());
        ArrayNode phases = out.putArray("phases");
        board.phases().values().stream()
                .sorted(Comparator.comparing((PhaseEntry e) -> e.scope().account()).thenComparing(e -> e.scope().strategy()))
                .forEach(e -> phases.add(view(e)));
        ArrayNode effective = out.putArray("effective");
        for (String account : accounts) {
            effective.addObject().put("account", account).put("phase", board.effectivePhase(account, null).name());
            for (String strategy : strategies) {
                if (strategyTrades.test(strategy, account)) {
                    effective.addObject().put("account", account).put("strategy", strategy)
                            .put("phase", board.effectivePhase(account, strategy).name());
                }
            }
        }
        ArrayNode pending = out.putArray("pending");
        board.pending().forEach(p -> pending.add(view(p)));
        ArrayNode capList = out.putArray("caps");
        caps.all().values().stream().flatMap(m -> m.values().stream())
                .sorted(Comparator.comparing((CapEntry e) -> e.scope().account()).thenComparing(e -> e.scope().strategy())
                        .thenComparing(e -> e.cap().ordinal()))
                .forEach(e -> capList.add(view(e)));
        ArrayNode pendingCaps = out.putArray("pendingCaps");
        caps.pending().forEach(p -> pendingCaps.add(view(p)));
        ArrayNode rampList = out.putArray("ramps");
        ramps.ramps().values().stream().sorted(Comparator.comparing(RampState::account))
                .forEach(r -> rampList.add(view(r)));
        return out.toString();
    }

    /** Evaluates every RAMP account's gates and schedule now (as the leader's timer does); answers the ramps. */
    public String evaluateRamps() {
        ArrayNode out = JSON.createArrayNode();
        ramps.evaluateAll().forEach(r -> out.add(view(r)));
        return out.toString();
    }

    private static ObjectNode view(RampState r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("account", r.account());
        n.put("enteredAt", r.enteredAt().toString());
        n.put("factor", r.factor().stripTrailingZeros().toPlainString());
        n.put("cleanSince", r.cleanSince() == null ? null : r.cleanSince().toString());
        n.put("frozen", r.frozen());
        n.put("frozenReason", r.frozenReason());
        n.put("evaluatedAt", r.evaluatedAt().toString());
        return n;
    }

    /**
     * PUT body {"value": "...", "reason": "..."} for one PILOT cap ({@code max-order-notional} ...); 200 when it
     * took effect (lowered, or raised without four eyes), 202 when a raise waits for a second operator.
     */
    public OrderApiResponses.ApiResponse changeAccountCap(String account, String cap, String body, String actor) {
        return changeCap(RolloutScope.account(account), cap, body, actor);
    }

    public OrderApiResponses.ApiResponse changeStrategyCap(String account, String strategy, String cap, String body,
                                                           String actor) {
        return changeCap(RolloutScope.strategy(account, strategy), cap, body, actor);
    }

    public OrderApiResponses.ApiResponse changeCap(RolloutScope scope, String cap, String body, String actor) {
        board.requireKnown(scope);
        JsonNode request = body(body);
        JsonNode value = request.get("value");
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new IllegalArgumentException("body must give the cap's value (an amount, a count, or symbols"
                    + " separated by commas) and a reason");
        }
        CapChange change = caps.request(scope, cap, value.asText(), actor, reason(body, true));
        if (change.isPending()) {
            ObjectNode n = view(change.pending());
            n.put("status", "PENDING_APPROVAL");
            return new OrderApiResponses.ApiResponse(202, n.toString());
        }
        ObjectNode n = view(change.applied());
        n.put("status", change.unchanged() ? "UNCHANGED" : "APPLIED");
        return new OrderApiResponses.ApiResponse(200, n.toString());
    }

    /** PUT body {"phase": "SHADOW|PILOT|RAMP|LIVE", "reason": "..."}; 200 when it took effect, 202 when it waits. */
    public OrderApiResponses.ApiResponse changeAccount(String account, String body, String actor) {
        return change(RolloutScope.account(account), body, actor);
    }

    public OrderApiResponses.ApiResponse changeStrategy(String account, String strategy, String body, String actor) {
        return change(RolloutScope.strategy(account, strategy), body, actor);
    }

    /** A second operator's approval of a pending promotion; body {"reason": "..."} optional. */
    public String approve(String id, String body, String actor) {
        long changeId = changeId(id);
        if (caps.isPending(changeId)) {
            return view(caps.approve(changeId, actor, reason(body, false))).toString();
        }
        return view(board.approve(changeId, actor, reason(body, false))).toString();
    }

    /** Withdraws a pending promotion; body {"reason": "..."} optional. */
    public String withdraw(String id, String body, String actor) {
        long changeId = changeId(id);
        ObjectNode n = caps.isPending(changeId) ? view(caps.withdraw(changeId, actor, reason(body, false)))
                : view(board.withdraw(changeId, actor, reason(body, false)));
        n.put("withdrawnBy", actor);
        return n.toString();
    }

    public OrderApiResponses.ApiResponse change(RolloutScope scope, String body, String actor) {
        // the scope first: a phase of nothing there is the answer, whatever the body says
        board.requireKnown(scope);
        JsonNode request = body(body);
        if (!request.hasNonNull("phase")) {
            throw new IllegalArgumentException("body must say the phase (SHADOW, PILOT, RAMP or LIVE) and a reason");
        }
        RolloutPhase phase = RolloutPhase.parse(request.get("phase").asText());
        RolloutChange change = board.request(scope, phase, actor, reason(body, true));
        if (change.isPending()) {
            ObjectNode n = view(change.pending());
            n.put("status", "PENDING_APPROVAL");
            return new OrderApiResponses.ApiResponse(202, n.toString());
        }
        ObjectNode n = view(change.applied());
        n.put("status", change.unchanged() ? "UNCHANGED" : "APPLIED");
        return new OrderApiResponses.ApiResponse(200, n.toString());
    }

    private static String reason(String body, boolean required) {
        JsonNode request = body == null || body.isBlank() ? JSON.createObjectNode() : body(body);
        if (!request.hasNonNull("reason") || request.get("reason").asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException("body must give a reason for the audit log");
            }
            return null;
        }
        return request.get("reason").asText();
    }

    private static JsonNode body(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body must be JSON {\"phase\": ..., \"reason\": ...}");
        }
    }

    private static long changeId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a pending change's id is a number, not '" + id + "'");
        }
    }

    /** The account, and the strategy when the scope is one on the account. */
    private static void putScope(ObjectNode n, RolloutScope scope) {
        n.put("account", scope.account());
        if (!scope.isAccount()) {
            n.put("strategy", scope.strategy());
        }
    }

    private static ObjectNode view(PhaseEntry e) {
        ObjectNode n = JSON.createObjectNode();
        putScope(n, e.scope());
        n.put("phase", e.phase().name());
        n.put("reason", e.reason());
        n.put("changedBy", e.changedBy());
        n.put("changedAt", e.changedAt().toString());
        return n;
    }

    private static ObjectNode view(CapEntry e) {
        ObjectNode n = JSON.createObjectNode();
        putScope(n, e.scope());
        n.put("cap", e.cap().key());
        n.put("value", e.value());
        n.put("reason", e.reason());
        n.put("changedBy", e.changedBy());
        n.put("changedAt", e.changedAt().toString());
        return n;
    }

    private static ObjectNode view(PendingCapRaise p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id());
        putScope(n, p.scope());
        n.put("cap", p.cap().key());
        n.put("from", p.from());
        n.put("to", p.to());
        n.put("reason", p.reason());
        n.put("requestedBy", p.requestedBy());
        n.put("requestedAt", p.requestedAt().toString());
        return n;
    }

    private static ObjectNode view(PendingPromotion p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", p.id());
        putScope(n, p.scope());
        n.put("from", p.from().name());
        n.put("to", p.to().name());
        n.put("reason", p.reason());
        n.put("requestedBy", p.requestedBy());
        n.put("requestedAt", p.requestedAt().toString());
        return n;
    }
}
