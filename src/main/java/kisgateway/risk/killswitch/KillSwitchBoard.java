package kisgateway.risk.killswitch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switches, global, per account and per strategy. Reads come from an in-memory copy (three map lookups on
 * the hot path); a change is persisted and audited through the {@link TradingStateStore} first and only then made
 * visible, so a switch that could not be saved does not pretend to be in force after a restart.
 *
 * <p>Another gateway instance's change is seen after {@link #reload()}: the {@link TradingStateListener} calls it
 * on the database's notice of the change, the application on a timer as a safety net.
 *
 * <p>The copy is only as current as the last notice. While notices cannot arrive (the listening connection is
 * gone), a HALT committed elsewhere would go unheard, so the board says it does not know ({@link #unknown()}) from
 * the moment the listener loses its connection until it listens again and a full re-read succeeded
 * ({@link #reloadAndConfirm()}); a timer reload alone does not end that, since the next move might again go unheard.
 */
public final class KillSwitchBoard {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchBoard.class);

    private final TradingStateStore store;
    private final Clock clock;
    // replaced whole on reload, copied on write: readers never lock
    private volatile Map<KillSwitchScope, TradingStateEntry> switches;
    // null while the copy can be vouched for
    private volatile Unknown unknown;
    private final List<Runnable> onChange = new CopyOnWriteArrayList<>();

    /**
     * Why the board cannot vouch for its copy of the switches, and since when.
     *
     * @param since when the listener lost its connection (the first failure of an outage)
     */
    public record Unknown(Instant since, String cause) {
        public Unknown {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(cause, "cause");
        }
    }

    private KillSwitchBoard(TradingStateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.switches = readAll(store);
    }

    /** The board with the positions the store holds now. */
    public static KillSwitchBoard load(TradingStateStore store, Clock clock) {
        return new KillSwitchBoard(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Runs after every change of a switch this board learns of: its own moves, and other instances' found by a
     * re-read. Keep it cheap (it runs on the mover's or the listener's thread): a kill switch that acts only marks
     * that its orders are to be looked at.
     */
    public void onChange(Runnable action) {
        onChange.add(Objects.requireNonNull(action, "action"));
    }

    /** Re-reads every switch from the store (changes made by other instances). */
    public synchronized void reload() {
        replace(readAll(store));
    }

    /**
     * From now on the board cannot learn of other instances' moves; it keeps the first moment and cause of an
     * outage until {@link #reloadAndConfirm()}.
     */
    public synchronized void markUnknown(String cause) {
        if (unknown == null) {
            unknown = new Unknown(clock.instant(), cause == null || cause.isBlank() ? "unknown cause" : cause);
            LOG.warn("kill switch state unknown since={} cause=\"{}\": new orders and revisions are refused, cancels pass",
                    unknown.since(), unknown.cause());
        }
    }

    /**
     * Re-reads every switch and vouches for the copy again. Call it only once later moves are sure to be heard
     * (the listener listens again); when the read fails the board stays unknown.
     */
    public synchronized void reloadAndConfirm() {
        replace(readAll(store));
        Unknown was = unknown;
        unknown = null;
        if (was != null) {
            LOG.info("kill switch state known again unknownSince={} unknownMs={}", was.since(),
                    Duration.between(was.since(), clock.instant()).toMillis());
        }
    }

    /** Why and since when the copy cannot be vouched for; null while it can. */
    public Unknown unknown() {
        return unknown;
    }

    public boolean known() {
        return unknown == null;
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
        // at the database's precision: the entry re-read after the move (a reload, another instance) is this one
        TradingStateEntry entry = new TradingStateEntry(scope, state, reason, actor,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        TradingState previous = store.save(entry);
        Map<KillSwitchScope, TradingStateEntry> next = new HashMap<>(switches);
        next.put(scope, entry);
        switches = Map.copyOf(next);
        LOG.warn("kill switch changed scope={} from={} to={} actor={} reason=\"{}\"", scope, previous, state, actor, reason);
        changed();
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

    private void replace(Map<KillSwitchScope, TradingStateEntry> read) {
        boolean changed = !read.equals(switches);
        switches = read;
        if (changed) {
            changed();
        }
    }

    private void changed() {
        for (Runnable action : onChange) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the move is in force whatever a follower of it does
                LOG.warn("kill switch change action failed error=\"{}\"", e.toString());
            }
        }
    }

    private static Map<KillSwitchScope, TradingStateEntry> readAll(TradingStateStore store) {
        Map<KillSwitchScope, TradingStateEntry> m = new HashMap<>();
        for (TradingStateEntry e : store.loadAll()) {
            m.put(e.scope(), e);
        }
        return Map.copyOf(m);
    }
}
