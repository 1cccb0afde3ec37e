package kisgateway.risk.killswitch;

import java.util.List;

/** Where kill switch positions survive restarts and where every change is audited. */
public interface TradingStateStore {

    /** Every persisted switch; a scope without a row is ACTIVE. */
    List<TradingStateEntry> loadAll();

    /**
     * Persists the new position and its audit record atomically (one transaction), and answers the position it
     * replaced (ACTIVE when the scope had no row).
     */
    TradingState save(TradingStateEntry entry);
}
