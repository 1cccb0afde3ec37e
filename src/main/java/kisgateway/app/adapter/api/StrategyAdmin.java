package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kisgateway.app.config.GatewayConfig;
import kisgateway.risk.profile.StrategyProfile;

/**
 * GET /api/admin/strategies: every configured strategy as the gateway holds it, for the operator: the accounts it
 * may trade, how it reaches the gateway (REST with an API key, JMS as a broker user), whether it sees every
 * strategy's open orders on its accounts, and its trading profile (sessions, cutoff, cancel at the cutoff). The
 * configuration is read once at start, as the gateway reads it; no key or key hash is ever in the answer.
 */
public final class StrategyAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TradingStateAdmin operator;
    private final String listing;

    public StrategyAdmin(TradingStateAdmin operator, GatewayConfig config, Map<String, StrategyProfile> profiles,
                         Set<String> seeAccountOrders) {
        this.operator = operator;
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("strategies");
        for (String id : new TreeSet<>(profiles.keySet())) {
            String prefix = "gateway.strategy." + id + ".";
            StrategyProfile p = profiles.get(id);
            ObjectNode n = list.addObject();
            n.put("strategyId", id);
            ArrayNode accounts = n.putArray("accounts");
            new TreeSet<>(config.list(prefix + "accounts")).forEach(accounts::add);
            n.put("restAccess", config.has(prefix + "api-key-sha256"));
            String user = config.string(prefix + "broker-user", "");
            n.put("brokerUser", user.isEmpty() ? null : user);
            n.put("seesAccountOrders", seeAccountOrders.contains(id));
            ArrayNode sessions = n.putArray("sessions");
            p.sessions().stream().sorted().forEach(s -> sessions.add(s.name()));
            n.put("cutoff", p.cutoff() == null ? null : p.cutoff().toString());
            n.put("cancelEntriesAtCutoff", p.cancelEntriesAtCutoff());
        }
        this.listing = root.toString();
    }

    /** @throws kisgateway.order.StrategyPermissions.NotAuthenticated (401) without the operator's login */
    public String list(String authorization) {
        operator.authenticate(authorization);
        return listing;
    }
}
