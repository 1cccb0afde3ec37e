package kisgateway.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kisgateway.reconcile.snapshot.BrokerOrderRow;

/**
 * The day's broker rows grouped into chains by their ORGN_ODNO links, indexed by every number in them. A number
 * listed twice with the same figures (a page overlap) counts once; with different figures it is a break, and its
 * chain is flagged so nothing is settled on it.
 */
final class BrokerChains {

    private final List<BrokerChain> chains;
    private final Map<String, BrokerChain> byKey;
    private final List<Break> breaks;

    private BrokerChains(List<BrokerChain> chains, Map<String, BrokerChain> byKey, List<Break> breaks) {
        this.chains = chains;
        this.byKey = byKey;
        this.breaks = breaks;
    }

    static BrokerChains of(List<BrokerOrderRow> rows) {
        Map<String, BrokerOrderRow> unique = new TreeMap<>();
        Map<String, Break> conflicts = new TreeMap<>();
        for (BrokerOrderRow row : rows) {
            BrokerOrderRow seen = unique.putIfAbsent(row.orderNoKey(), row);
            if (seen != null && !seen.equals(row)) {
                conflicts.put(row.orderNoKey(), new Break(BreakKind.ORDER_CHAIN, "odno:" + row.orderNo(),
                        "the broker listed order number " + row.orderNo() + " twice with different figures",
                        Evidence.builder().broker("first", seen).broker("second", row).build()));
            }
        }
        Map<String, String> parent = new HashMap<>();
        for (BrokerOrderRow row : unique.values()) {
            String orig = row.origOrderNoKey();
            if (orig != null && unique.containsKey(orig) && !orig.equals(row.orderNoKey())) {
                parent.put(row.orderNoKey(), orig);
            }
        }
        Map<String, List<BrokerOrderRow>> members = new LinkedHashMap<>();
        for (String key : unique.keySet()) {
            members.computeIfAbsent(top(key, parent), k -> new ArrayList<>()).add(unique.get(key));
        }
        List<BrokerChain> chains = new ArrayList<>();
        Map<String, BrokerChain> byKey = new HashMap<>();
        for (Map.Entry<String, List<BrokerOrderRow>> m : members.entrySet()) {
            BrokerOrderRow root = unique.get(m.getKey());
            boolean conflicting = m.getValue().stream().anyMatch(r -> conflicts.containsKey(r.orderNoKey()));
            BrokerChain chain = new BrokerChain(root, m.getValue(), !root.isNewOrder(), conflicting);
            chains.add(chain);
            m.getValue().forEach(r -> byKey.put(r.orderNoKey(), chain));
        }
        chains.sort(Comparator.comparing(BrokerChain::rootKey));
        return new BrokerChains(List.copyOf(chains), byKey, List.copyOf(conflicts.values()));
    }

    /** Follows the links up; a cycle (never seen at KIS) stops at its smallest number. */
    private static String top(String key, Map<String, String> parent) {
        String at = key;
        String smallest = key;
        java.util.Set<String> visited = new java.util.HashSet<>();
        while (parent.containsKey(at) && visited.add(at)) {
            at = parent.get(at);
            if (at.compareTo(smallest) < 0) {
                smallest = at;
            }
        }
        return visited.contains(at) ? smallest : at;
    }

    List<BrokerChain> all() {
        return chains;
    }

    BrokerChain byKey(String key) {
        return byKey.get(key);
    }

    /** Numbers listed twice with different figures. */
    List<Break> breaks() {
        return breaks;
    }
}
