package kisgateway.risk.killswitch;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switches, global, per account and per strategy. Reads come from an in-memory copy (three map lookups on
 * the hot path); a change is persisted and audited through the {@link TradingStateStore} first and only then made
 * visible, so a switch that could not be saved does not pretend to be in force after a restart.
 *
 * <p>Another gateway instance's change is seen after {@link #reload()}: the application calls it on a timer and
 * after leadership changes.
 */
public final class KillSwitchBoard {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchBoard.class);

    private final TradingStateStore store;
    private final Clock clock;
    // replaced whole on reload, copied on write: readers never lock
    private volatile Map<KillSwitchScope, TradingStateEntry> switches;

    private KillSwitchBoard(TradingStateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.switches = readAll(store);
    }

    /** The board with the positions the store holds now. */
    public static KillSwitchBoard load(TradingStateStore store, Clock clock) {
        return new KillSwitchBoard(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"));
    }

    /** Re-reads every switch from the store (changes made by other instances). */
    public synchronized void reload() {
        switches = readAll(store);
    }

    /**
     * Moves one switch, persisted and audited in one transaction before it takes effect.
     *
     * @param actor  who did it (operator login, "risk-engine", ...); required
     * @param reason why, for the audit log; required
     */
    public synchronized TradingStateEntry switchTo(KillSwitchScope scope, TradingState state, String actor, String reason) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        if (actor == null || actor.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a kill switch change needs an actor and a reason");
        }
        TradingStateEntry entry = new TradingStateEntry(scope, state, reason, actor, clock.instant());
        TradingState previous = store.save(entry);
        Map<KillSwitchScope, TradingStateEntry> next = new HashMap<>(switches);
        next.put(scope, entry);
        switches = Map.copyOf(next);
        LOG.warn("kill switch changed scope={} from={} to={} actor={} reason=\"{}\"", scope, previous, state, actor, reason);
        return entry;
    }

    /** The position of one switch (ACTIVE when never set). */
    public TradingState stateOf(KillSwitchScope scope) {
        TradingStateEntry e = switches.get(scope);
        return e == null ? TradingState.ACTIVE : e.state();
    }

    /** The state that governs an order of this account and strategy. */
    public EffectiveTradingState effectiveState(String account, String strategyId) {
        Map<KillSwitchScope, TradingStateEntry> current = switches;
        TradingStateEntry decided = null;
        for (KillSwitchScope scope : new KillSwitchScope[] {KillSwitchScope.global(), KillSwitchScope.account(account),
                KillSwitchScope.strategy(strategyId)}) {
            TradingStateEntry e = current.get(scope);
            if (e != null && e.state() != TradingState.ACTIVE
                    && (decided == null || e.state().ordinal() > decided.state().ordinal())) {
                decided = e;
            }
        }
        return decided == null
                ? new EffectiveTradingState(TradingState.ACTIVE, null, null)
                : new EffectiveTradingState(decided.state(), decided.scope(), decided.reason());
    }

    /** Every switch that has been set, for operators' screens. */
    public Map<KillSwitchScope, TradingStateEntry> snapshot() {
        return switches;
    }

    private static Map<KillSwitchScope, TradingStateEntry> readAll(TradingStateStore store) {
        Map<KillSwitchScope, TradingStateEntry> m = new HashMap<>();
        for (TradingStateEntry e : store.loadAll()) {
            m.put(e.scope(), e);
        }
        return Map.copyOf(m);
    }
}
