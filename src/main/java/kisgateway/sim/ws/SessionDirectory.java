package kisgateway.sim.ws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live WebSocket sessions, which app key each one holds (KIS allows one session per app key), and who
 * subscribed to what, so notices and ticks find their sessions without asking each one.
 */
final class SessionDirectory {
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, WsSession> owners = new ConcurrentHashMap<>();
    private final Map<String, Set<WsSession>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> releases = new ConcurrentHashMap<>();

    void add(WsSession session) {
        sessions.add(session);
    }

    void remove(WsSession session) {
        sessions.remove(session);
        owners.values().removeIf(s -> s == session);
        subscribers.values().forEach(set -> set.remove(session));
    }

    /** The first session to use an app key holds it until it closes; later ones are refused (OPSP8996). */
    boolean claim(String appKey, WsSession session) {
        return owners.computeIfAbsent(appKey, k -> session) == session;
    }

    void subscribed(String trId, String trKey, WsSession session) {
        subscribers.computeIfAbsent(trId + "|" + trKey, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unsubscribed(String trId, String trKey, WsSession session) {
        Set<WsSession> set = subscribers.get(trId + "|" + trKey);
        if (set != null) {
            set.remove(session);
        }
        releases.computeIfAbsent(trId + "|" + trKey, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    /** Releases (tr_type "2") a client sent for the registration, over every session so far. */
    long releases(String trId, String trKey) {
        var count = releases.get(trId + "|" + trKey);
        return count == null ? 0 : count.get();
    }

    Set<WsSession> subscribersOf(String trId, String trKey) {
        return subscribers.getOrDefault(trId + "|" + trKey, Set.of());
    }

    List<WsSession> all() {
        return List.copyOf(sessions);
    }

    long activeSessions(String appKey) {
        return sessions.stream().filter(s -> appKey.equals(s.appKey())).count();
    }

    long subscriptions(String appKey) {
        return sessions.stream().filter(s -> appKey.equals(s.appKey())).mapToLong(WsSession::subscriptionCount).sum();
    }
}
