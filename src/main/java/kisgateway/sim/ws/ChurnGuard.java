package kisgateway.sim.ws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import kisgateway.sim.LoopBlocking;

/**
 * Blocks clients that connect and disconnect, or subscribe and unsubscribe, in a tight loop, as KIS blocks the
 * IP and app key (announcement of 2026-02-24, community summary). At the upgrade only the remote IP is known, so
 * connect loops block the IP; release loops block the IP together with the app key. An IP with any block in
 * force has its upgrades refused.
 */
final class ChurnGuard {
    private final LoopBlocking limits;
    private final Map<String, Deque<Long>> connects = new HashMap<>();
    private final Map<String, Deque<Long>> releases = new HashMap<>();
    private final Map<String, Long> blockedUntil = new HashMap<>();

    ChurnGuard(LoopBlocking limits) {
        this.limits = limits;
    }

    /** Records an upgrade attempt; false when the IP is (or now becomes) blocked. */
    synchronized boolean admitConnect(String ip) {
        long now = System.nanoTime();
        if (ipBlocked(ip, now)) {
            return false;
        }
        if (overLimit(connects, ip, now, limits.maxConnects(), limits.connectWindow().toNanos())) {
            blockedUntil.put(ip + "|", now + limits.blockFor().toNanos());
            // the block is the penalty: once it ends the client starts with a clean slate
            connects.remove(ip);
            return false;
        }
        return true;
    }

    /** Records a release; false when the IP and app key are (or now become) blocked. */
    synchronized boolean admitRelease(String ip, String appKey) {
        long now = System.nanoTime();
        String key = ip + "|" + appKey;
        if (blocked(key, now)) {
            return false;
        }
        if (overLimit(releases, key, now, limits.maxUnsubscribes(), limits.unsubscribeWindow().toNanos())) {
            blockedUntil.put(key, now + limits.blockFor().toNanos());
            releases.remove(key);
            return false;
        }
        return true;
    }

    synchronized boolean appKeyBlocked(String ip, String appKey) {
        return blocked(ip + "|" + appKey, System.nanoTime());
    }

    synchronized int blockCount() {
        long now = System.nanoTime();
        blockedUntil.values().removeIf(until -> now - until >= 0);
        return blockedUntil.size();
    }

    synchronized void clear() {
        connects.clear();
        releases.clear();
        blockedUntil.clear();
    }

    private boolean ipBlocked(String ip, long now) {
        String prefix = ip + "|";
        for (Map.Entry<String, Long> e : blockedUntil.entrySet()) {
            if (e.getKey().startsWith(prefix) && now - e.getValue() < 0) {
                return true;
            }
        }
        return false;
    }

    private boolean blocked(String key, long now) {
        Long until = blockedUntil.get(key);
        return until != null && now - until < 0;
    }

    private static boolean overLimit(Map<String, Deque<Long>> log, String key, long now, int max, long windowNanos) {
        Deque<Long> times = log.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        times.addLast(now);
        return times.size() > max;
    }
}
