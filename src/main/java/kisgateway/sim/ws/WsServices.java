package kisgateway.sim.ws;

import java.security.SecureRandom;
import java.time.Duration;

import io.vertx.core.Vertx;
import kisgateway.sim.KisEnv;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.ApprovalKeyIssuer;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.stats.SimStats;

/** What every WebSocket session needs from the rest of the simulator. */
record WsServices(Vertx vertx, KisEnv env, AppKeyDirectory appKeys, ApprovalKeyIssuer approvals, SimStats stats,
                  ChurnGuard churn, SessionDirectory sessions, SessionClock clock, Duration pingInterval,
                  SecureRandom random) {
}
