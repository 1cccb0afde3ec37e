package kisgateway.risk.killswitch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store for board tests; can be told to fail, to prove that nothing takes effect unsaved
 * and that a board that cannot read stays unknown. */
final class InMemoryTradingStateStore implements TradingStateStore {

    final Map<KillSwitchScope, TradingStateEntry> rows = new LinkedHashMap<>();
    final List<String> audit = new ArrayList<>();
    boolean failNextSave;
    boolean failLoads;

    @Override
    public List<TradingStateEntry> loadAll() {
        if (failLoads) {
            throw new IllegalStateException("database down");
        }
        return List.copyOf(rows.values());
    }

    @Override
    public TradingState save(TradingStateEntry entry) {
        if (failNextSave) {
            failNextSave = false;
            throw new IllegalStateException("database down");
        }
        TradingStateEntry previous = rows.put(entry.scope(), entry);
        TradingState from = previous == null ? TradingState.ACTIVE : previous.state();
        audit.add(entry.scope() + " " + from + "->" + entry.state() + " by " + entry.changedBy());
        return from;
    }
}
