package kisgateway.sim.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Running counts for one app key. */
public final class AppKeyCounters {
    final AtomicLong tokenCalls = new AtomicLong();
    final AtomicLong tokensIssued = new AtomicLong();
    final AtomicLong tokenThrottled = new AtomicLong();
    final AtomicLong approvalKeysIssued = new AtomicLong();
    final AtomicLong restCalls = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong wsConnects = new AtomicLong();
    final AtomicLong pongFrames = new AtomicLong();
    final AtomicLong pingTextEchoes = new AtomicLong();
    final AtomicLong noticesSent = new AtomicLong();
    final Map<String, AtomicLong> admittedByTr = new ConcurrentHashMap<>();
    final RestCallTimes callTimes = new RestCallTimes();
    volatile String lastPingReply = "";

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenCalls", tokenCalls.get());
        m.put("tokensIssued", tokensIssued.get());
        m.put("tokenThrottled", tokenThrottled.get());
        m.put("approvalKeysIssued", approvalKeysIssued.get());
        m.put("restCalls", restCalls.get());
        m.put("egw00201", rateLimited.get());
        m.put("wsConnects", wsConnects.get());
        m.put("pongFrames", pongFrames.get());
        m.put("pingTextEchoes", pingTextEchoes.get());
        m.put("lastPingReply", lastPingReply);
        m.put("noticesSent", noticesSent.get());
        Map<String, Long> byTr = new TreeMap<>();
        admittedByTr.forEach((tr, n) -> byTr.put(tr, n.get()));
        m.put("admittedByTr", byTr);
        return m;
    }
}
