package kisgateway.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one account of a realtime session's trade registrations (H0STCNT0, one per symbol), whoever needs them: the
 * risk check's last prices and the strategies' tick leases. KIS allows 41 registrations per session and the
 * execution notice takes one, so {@code capacity} is what is left; a symbol is registered once however many need
 * it.
 *
 * <p>A last-price symbol stays registered (its price would otherwise be polled out of the REST budget). A symbol
 * only strategies needed is released when the last lease on it is gone, but not at once: it stays registered for
 * {@code hold} first (a subscriber that comes back within it costs KIS nothing), and at most
 * {@code maxReleasesPerMinute} releases go out a minute, because subscribe/release churn is what gets an app key
 * blocked (KIS notice of 2026-02-24). A held symbol still takes its registration. Not thread-safe.
 */
public final class TradeRegistrations {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int capacity;
    private final Duration hold;
    private final int maxReleasesPerMinute;
    private final Map<String, Need> registered = new LinkedHashMap<>();
    private final Deque<Instant> releases = new ArrayDeque<>();

    private static final class Need {
        boolean lastPrice;
        boolean leased;
        Instant idleSince;
    }

    public TradeRegistrations(int capacity, Duration hold, int maxReleasesPerMinute) {
        if (capacity < 0 || hold.isNegative() || maxReleasesPerMinute < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", hold " + hold + ", releases a minute "
                    + maxReleasesPerMinute + ": none may be negative, and at least one release a minute");
        }
        this.capacity = capacity;
        this.hold = hold;
        this.maxReleasesPerMinute = maxReleasesPerMinute;
    }

    /**
     * The risk check wants the symbol's trades.
     *
     * @return whether it is registered (already, or now); false when every registration is taken
     */
    public boolean needForLastPrice(String symbol) {
        Need need = registered.get(symbol);
        if (need == null) {
            if (registered.size() >= capacity) {
                return false;
            }
            need = new Need();
            registered.put(symbol, need);
        }
        need.lastPrice = true;
        need.idleSince = null;
        return true;
    }

    /**
     * Strategies lease these symbols: all of them are registered, or none (a partial grant would leave a strategy
     * with ticks for some of what it asked for and no way to tell).
     */
    public Admission needForTicks(Collection<String> symbols) {
        Set<String> fresh = new LinkedHashSet<>();
        for (String symbol : symbols) {
            if (!registered.containsKey(symbol)) {
                fresh.add(symbol);
            }
        }
        int free = capacity - registered.size();
        if (fresh.size() > free) {
            return Admission.refused(refusal(fresh, free));
        }
        for (String symbol : symbols) {
            Need need = registered.computeIfAbsent(symbol, s -> new Need());
            need.leased = true;
            need.idleSince = null;
        }
        return Admission.granted(fresh);
    }

    /** The last lease on these symbols is gone: those the risk check does not need start their hold. */
    public void leasesGone(Collection<String> symbols, Instant now) {
        for (String symbol : symbols) {
            Need need = registered.get(symbol);
            if (need != null && need.leased) {
                need.leased = false;
                if (!need.lastPrice) {
                    need.idleSince = now;
                }
            }
        }
    }

    /**
     * The symbols to release at KIS now: needed by nobody for the hold, oldest first, within the releases a minute.
     * They are no longer counted from here on.
     */
    public List<String> releasable(Instant now) {
        while (!releases.isEmpty() && !releases.peekFirst().isAfter(now.minus(MINUTE))) {
            releases.pollFirst();
        }
        List<String> due = new ArrayList<>();
        registered.entrySet().stream()
                .filter(e -> e.getValue().idleSince != null && !e.getValue().idleSince.plus(hold).isAfter(now))
                .sorted(Map.Entry.comparingByValue((a, b) -> a.idleSince.compareTo(b.idleSince)))
                .map(Map.Entry::getKey)
                .limit(Math.max(0, maxReleasesPerMinute - releases.size()))
                .forEach(due::add);
        due.forEach(symbol -> {
            registered.remove(symbol);
            releases.addLast(now);
        });
        return due;
    }

    /** Every registered symbol, held ones included, in the order they were registered. */
    public List<String> registered() {
        return List.copyOf(registered.keySet());
    }

    public int free() {
        return capacity - registered.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Forget every registration (this instance no longer holds the session, or starts over as a new leader). */
    public void clear() {
        registered.clear();
    }

    private String refusal(Set<String> fresh, int free) {
        long lastPrice = registered.values().stream().filter(n -> n.lastPrice).count();
        long leased = registered.values().stream().filter(n -> n.leased && !n.lastPrice).count();
        long held = registered.values().stream().filter(n -> n.idleSince != null).count();
        return "not enough KIS realtime registrations: " + fresh.size() + " new symbol(s) asked " + fresh + ", "
                + free + " free of the " + capacity + " the session has for trades (KIS allows 41 a session, one is "
                + "the execution notice's): " + lastPrice + " stream last prices for the risk check, " + leased
                + " strategies' ticks, " + held + " wait out their release hold";
    }

    /** A grant (with the symbols newly registered, to register at KIS) or a refusal with its reason. */
    public record Admission(boolean granted, Set<String> newlyRegistered, String reason) {

        static Admission granted(Set<String> fresh) {
            return new Admission(true, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(fresh)), null);
        }

        static Admission refused(String reason) {
            return new Admission(false, Set.of(), reason);
        }
    }
}
