package kisgateway.sim.admin;

import kisgateway.sim.auth.TokenIssuer;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.ws.WsServer;

/** Every fault the simulator can show, in process; the admin API calls the same methods. */
public final class FaultControl {
    private final FaultPlan plan;
    private final MatchingEngine engine;
    private final TokenIssuer tokens;
    private final WsServer ws;

    public FaultControl(FaultPlan plan, MatchingEngine engine, TokenIssuer tokens, WsServer ws) {
        this.plan = plan;
        this.engine = engine;
        this.tokens = tokens;
        this.ws = ws;
    }

    /** REST and notice faults (failures, latency, ambiguous orders, silence, suppression, duplicates, reordering). */
    public FaultPlan plan() {
        return plan;
    }

    /** Closes every WebSocket now; returns how many were open. */
    public int dropWebSockets() {
        return ws.dropAll();
    }

    /** Tokens of the app key (every key when null) answer EGW00123 from now on. */
    public int expireTokens(String appKey) {
        return tokens.expireAll(appKey);
    }

    /** Tokens of the app key (every key when null) answer EGW00121 from now on. */
    public int revokeTokens(String appKey) {
        return tokens.revokeAll(appKey);
    }

    /** The next {@code count} new orders are booked, then refused by the exchange (RFUS_YN=1 notice). */
    public void rejectNextOrders(int count) {
        engine.rejectNextAtExchange(count);
    }

    /** Lifts every loop block. */
    public void unblockClients() {
        ws.unblock();
    }

    /** Clears the fault plan (blocks and pending exchange rejects too). */
    public void reset() {
        plan.reset();
        engine.rejectNextAtExchange(0);
        ws.unblock();
    }
}
