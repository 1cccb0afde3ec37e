package kisgateway.app.realtime;

import java.util.Map;
import java.util.stream.Collectors;
import kisgateway.app.kis.KisAccounts;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.kis.ws.KisRealtimeSession;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the execution-notice stream on the instance that leads it: DOWN while a session is not live
 * (connecting, backing off, broken by its breaker) or is stale (silent while orders are working). An instance
 * that does not lead holds no session and reports UP as a standby.
 */
public final class KisStreamHealthCheck extends AbstractHealthCheck {

    private final RealtimeSessions sessions;
    private final NoticeStreamWatch watch;
    private final KisAccounts accounts;

    public KisStreamHealthCheck(RealtimeSessions sessions, NoticeStreamWatch watch, KisAccounts accounts) {
        super("kis-gateway", "kis-notice-stream");
        this.sessions = sessions;
        this.watch = watch;
        this.accounts = accounts;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, KisRealtimeSession> live = sessions.live();
        if (live.isEmpty()) {
            builder.detail("role", "standby").up();
            return;
        }
        builder.detail("role", "leader");
        builder.detail("sessions", live.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().state())
                .collect(Collectors.joining(",")));
        String notLive = live.entrySet().stream().filter(e -> !e.getValue().isLive()).map(Map.Entry::getKey)
                .collect(Collectors.joining(","));
        String staleAccounts = accounts.aliases().stream().filter(watch::isStale).collect(Collectors.joining(","));
        if (!notLive.isEmpty()) {
            builder.message("execution-notice session not live for " + notLive).down();
        } else if (!staleAccounts.isEmpty()) {
            builder.message("execution-notice stream silent while orders are working for " + staleAccounts).down();
        } else {
            builder.up();
        }
    }
}
