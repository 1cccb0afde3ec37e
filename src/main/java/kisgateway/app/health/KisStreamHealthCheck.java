package kisgateway.app.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.streams.NoticeStreamHealth;
import kisgateway.fill.NoticeStreamWatch;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The execution-notice stream of the instance that leads it: DOWN only on evidence that notices were or are being
 * lost (a gap a backfill found, no frame at all past the session's threshold, a refused reconnect, an open
 * breaker); a stale stream (quiet while orders work, being checked with KIS) and a reconnect in progress are UP,
 * with the details. An instance that does not lead holds no session and reports UP as a standby.
 *
 * <p>Neither readiness nor liveness, on purpose: readiness is "can take and send intents" (broker, database,
 * tokens, the first reconciliation, the supervised routes), and a stream in doubt does not stop that. Orders still
 * go out and backfills recover their fills; taking the instance out of service would stop orders, cancels
 * included, and leave the stream no better. The check shows in /q/health (which answers 503 while anything is
 * DOWN) and in Hawtio's health view; /q/health/ready and /q/health/live leave it out.
 */
public final class KisStreamHealthCheck extends AlertHealthCheck {

    private final NoticeStreamHealth health;
    private final NoticeStreamWatch watch;
    private final KisAccounts accounts;

    public KisStreamHealthCheck(NoticeStreamHealth health, NoticeStreamWatch watch, KisAccounts accounts) {
        super("kis-notice-stream");
        this.health = health;
        this.watch = watch;
        this.accounts = accounts;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, NoticeStreamHealth.Verdict> held = new TreeMap<>();
        for (String account : accounts.aliases()) {
            NoticeStreamHealth.Verdict v = health.of(account);
            if (v.held()) {
                held.put(account, v);
            }
        }
        if (held.isEmpty()) {
            builder.detail("role", "standby").up();
            return;
        }
        builder.detail("role", "leader");
        held.forEach((account, v) -> {
            NoticeStreamWatch.Status s = watch.status(account);
            builder.detail(account, plain(v.state() + " silence=" + s.silence().toSeconds() + "s nextCheckAfter="
                    + s.nextCheckAfter().toSeconds() + "s" + (v.reason().isEmpty() ? "" : " " + v.reason())));
        });
        String unhealthy = held.entrySet().stream().filter(e -> !e.getValue().healthy())
                .map(e -> e.getKey() + ": " + e.getValue().reason()).collect(Collectors.joining("; "));
        String stale = held.keySet().stream().filter(watch::isStale).collect(Collectors.joining(","));
        if (!unhealthy.isEmpty()) {
            builder.message(plain("execution-notice stream unhealthy for " + unhealthy)).down();
        } else if (!stale.isEmpty()) {
            builder.message("execution-notice stream stale for " + stale
                    + ": quiet while orders are working, being checked with KIS (healthy until a gap is found)").up();
        } else {
            builder.up();
        }
    }

    /** Camel's /q/health writes messages into its JSON as they are: no quotes, no line breaks. */
    private static String plain(String text) {
        return text.replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n]+", " ");
    }
}
