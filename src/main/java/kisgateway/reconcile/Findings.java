package kisgateway.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the comparisons of one run found, gathered before the break lifecycle: breaks merge by kind and subject,
 * and every subject that was judged is remembered (an open break whose subject was not judged stays open).
 */
final class Findings {

    final List<Settlement> settlements = new ArrayList<>();
    final List<MissingFill> missingFills = new ArrayList<>();
    final List<ExternalOrder> externalOrders = new ArrayList<>();
    final Set<String> examined = new TreeSet<>();
    private final Map<String, Break> breaks = new TreeMap<>();
    int ordersCompared;
    int brokerOrders;
    int fillsCompared;

    void addBreak(Break b) {
        breaks.merge(b.key(), b, Break::mergedWith);
        examined.add(b.subject());
    }

    List<Break> breaks() {
        List<Break> out = new ArrayList<>(breaks.values());
        out.sort(Break.ORDER);
        return out;
    }
}
