package kisgateway.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who wants which symbol's ticks, and until when: a symbol is leased while at least one subscriber holds an
 * unexpired lease on it. A subscriber that is gone stops renewing, and its leases run out, so a strategy that
 * crashed costs no registration for longer than a lease. Not thread-safe: its owner serialises the calls.
 */
public final class TickLeases {

    private final Map<String, Map<String, Instant>> bySymbol = new TreeMap<>();

    /**
     * Leases (or renews) each symbol for the subscriber until {@code until}.
     *
     * @return the symbols nobody leased before
     */
    public Set<String> grant(String subscriber, Collection<String> symbols, Instant until) {
        Set<String> fresh = new LinkedHashSet<>();
        for (String symbol : symbols) {
            Map<String, Instant> holders = bySymbol.computeIfAbsent(symbol, s -> new HashMap<>());
            if (holders.isEmpty()) {
                fresh.add(symbol);
            }
            holders.merge(subscriber, until, (old, next) -> next.isAfter(old) ? next : old);
        }
        return fresh;
    }

    /** @return the symbols among these that nobody leases any more */
    public Set<String> release(String subscriber, Collection<String> symbols) {
        Set<String> unleased = new LinkedHashSet<>();
        for (String symbol : symbols) {
            Map<String, Instant> holders = bySymbol.get(symbol);
            if (holders != null && holders.remove(subscriber) != null && holders.isEmpty()) {
                bySymbol.remove(symbol);
                unleased.add(symbol);
            }
        }
        return unleased;
    }

    /** Leases that ran out by {@code now} are dropped. */
    public Expiry expire(Instant now) {
        List<TickLease> expired = new ArrayList<>();
        Set<String> unleased = new LinkedHashSet<>();
        var symbols = bySymbol.entrySet().iterator();
        while (symbols.hasNext()) {
            var entry = symbols.next();
            var holders = entry.getValue().entrySet().iterator();
            while (holders.hasNext()) {
                var holder = holders.next();
                if (!holder.getValue().isAfter(now)) {
                    expired.add(new TickLease(holder.getKey(), entry.getKey(), holder.getValue()));
                    holders.remove();
                }
            }
            if (entry.getValue().isEmpty()) {
                symbols.remove();
                unleased.add(entry.getKey());
            }
        }
        return new Expiry(expired, unleased);
    }

    /** What ran out, and the symbols that nobody leases since. */
    public record Expiry(List<TickLease> expired, Set<String> unleased) {
    }

    public boolean leased(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    public Set<String> symbols() {
        return Set.copyOf(bySymbol.keySet());
    }

    /** How many subscribers hold a lease on the symbol. */
    public int holders(String symbol) {
        Map<String, Instant> holders = bySymbol.get(symbol);
        return holders == null ? 0 : holders.size();
    }

    public void clear() {
        bySymbol.clear();
    }
}
