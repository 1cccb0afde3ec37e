package kisgateway.sim.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what clients did, per app key, for tests and the admin API. */
public final class SimStats {
    private final Map<String, AppKeyCounters> byAppKey = new ConcurrentHashMap<>();
    private final AtomicLong wsUpgradesRefused = new AtomicLong();
    private final AtomicLong wsConnectsTotal = new AtomicLong();

    private AppKeyCounters of(String appKey) {
        return byAppKey.computeIfAbsent(appKey, k -> new AppKeyCounters());
    }

    public void tokenCall(String appKey, boolean issuedNew, boolean throttled) {
        AppKeyCounters c = of(appKey);
        c.tokenCalls.incrementAndGet();
        if (issuedNew) {
            c.tokensIssued.incrementAndGet();
        }
        if (throttled) {
            c.tokenThrottled.incrementAndGet();
        }
    }

    public void approvalKeyIssued(String appKey) {
        of(appKey).approvalKeysIssued.incrementAndGet();
    }

    public void restCall(String appKey) {
        of(appKey).restCalls.incrementAndGet();
    }

    /**
     * A REST call the rate limit let through at {@code atNanos} ({@link System#nanoTime()}), by TR ID (what reached
     * the endpoint). hashkey has no TR and kis_auth.set_order_hash_key sends none, so a call without one is counted
     * only in {@link #restCall}; its time is kept all the same, as the limit counted it.
     */
    public void restCallAdmitted(String appKey, String trId, long atNanos) {
        AppKeyCounters c = of(appKey);
        c.callTimes.record(atNanos, true, trId);
        if (trId != null) {
            c.admittedByTr.computeIfAbsent(trId, t -> new AtomicLong()).incrementAndGet();
        }
    }

    /** REST calls of one TR ID the rate limit let through for the app key. */
    public long admitted(String appKey, String trId) {
        AppKeyCounters c = byAppKey.get(appKey);
        AtomicLong n = c == null ? null : c.admittedByTr.get(trId);
        return n == null ? 0 : n.get();
    }

    /** A REST call of {@code trId} (may be null) the rate limit turned away (EGW00201) at {@code atNanos}. */
    public void rateLimited(String appKey, String trId, long atNanos) {
        AppKeyCounters c = of(appKey);
        c.callTimes.record(atNanos, false, trId);
        c.rateLimited.incrementAndGet();
    }

    /** When the app key's REST calls reached the rate limit: how many any one-second window held. */
    public RestCallTimes restCallTimes(String appKey) {
        return of(appKey).callTimes;
    }

    public void wsConnect() {
        wsConnectsTotal.incrementAndGet();
    }

    /** A session identified its app key by its first subscribe; the connect counts for that key. */
    public void wsConnectAttributed(String appKey) {
        of(appKey).wsConnects.incrementAndGet();
    }

    public void wsUpgradeRefused() {
        wsUpgradesRefused.incrementAndGet();
    }

    public void pingReply(String appKey, boolean pongFrame) {
        AppKeyCounters c = of(appKey);
        if (pongFrame) {
            c.pongFrames.incrementAndGet();
            c.lastPingReply = "pong";
        } else {
            c.pingTextEchoes.incrementAndGet();
            c.lastPingReply = "text";
        }
    }

    public void noticesSent(String appKey, long count) {
        of(appKey).noticesSent.addAndGet(count);
    }

    public long count(String appKey, String counter) {
        Object v = of(appKey).toMap().get(counter);
        return v instanceof Long l ? l : 0;
    }

    public long wsUpgradesRefused() {
        return wsUpgradesRefused.get();
    }

    public long wsConnectsTotal() {
        return wsConnectsTotal.get();
    }

    /** Per-app-key counters; session figures are added by the caller that knows the sessions. */
    public Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        byAppKey.forEach((k, v) -> out.put(k, v.toMap()));
        return out;
    }
}
