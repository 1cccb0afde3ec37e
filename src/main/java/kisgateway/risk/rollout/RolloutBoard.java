package kisgateway.risk.rollout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout phase of every account and of the strategies overridden on them, and the rules for moving one.
 * Reads come from an in-memory copy (two map lookups on the order path); a change is persisted and audited by the
 * {@link RolloutStore} first and only then made visible. Other instances' changes are seen after {@link #reload()}.
 *
 * <p>A demotion (to a more cautious phase) takes effect at once: caution never waits. A promotion moves one step
 * only (SHADOW, PILOT, RAMP, LIVE) and, with four eyes on, waits until a second, different operator approves it.
 * A strategy without a phase of its own follows its account: its own phase counts as LIVE, so giving it one is a
 * demotion, and promoting it back goes step by step like any other.
 */
public final class RolloutBoard {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutBoard.class);

    private final RolloutStore store;
    private final Set<String> accounts;
    private final BiPredicate<String, String> strategyTrades;
    private final boolean fourEyes;
    private final RolloutEvidence evidence;
    private final Clock clock;
    private volatile Map<RolloutScope, PhaseEntry> phases;
    private volatile List<PendingPromotion> pending;

    private RolloutBoard(RolloutStore store, Set<String> accounts, BiPredicate<String, String> strategyTrades,
                         boolean fourEyes, RolloutEvidence evidence, Clock clock) {
        this.store = store;
        this.accounts = Set.copyOf(accounts);
        this.strategyTrades = strategyTrades;
        this.fourEyes = fourEyes;
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * @param configured     the configured phase of every account and of the strategies configured with one
     * @param strategyTrades whether a strategy may trade an account at all (only those may have a phase on it)
     * @return the board after writing the configured phases of scopes the store does not know yet: a phase already persisted
     * (moved by an operator, or configured at an earlier start) wins over the configuration.
     */
    public static RolloutBoard load(RolloutStore store, Map<RolloutScope, RolloutPhase> configured, Set<String> accounts,
                                    BiPredicate<String, String> strategyTrades, boolean fourEyes,
                                    RolloutEvidence evidence, Clock clock) {
        RolloutBoard board = new RolloutBoard(Objects.requireNonNull(store), accounts, strategyTrades, fourEyes,
                Objects.requireNonNull(evidence), Objects.requireNonNull(clock));
        Instant now = board.now();
        store.seed(configured.entrySet().stream()
                .map(e -> new PhaseEntry(e.getKey(), e.getValue(), "configured", "configuration", now))
                .toList());
        board.reload();
        return board;
    }

    /** Re-reads phases and pending promotions (changes made by other instances). */
    public synchronized void reload() {
        Map<RolloutScope, PhaseEntry> read = new HashMap<>();
        for (PhaseEntry e : store.loadPhases()) {
            read.put(e.scope(), e);
        }
        phases = Map.copyOf(read);
        pending = List.copyOf(store.loadPending());
    }

    /** The accounts this gateway trades (a row of another, no longer configured, is kept but not acted on). */
    public Set<String> accounts() {
        return accounts;
    }

    public boolean fourEyes() {
        return fourEyes;
    }

    /** The phase an order of this account and strategy is in: the more cautious of the two. */
    public RolloutPhase effectivePhase(String account, String strategy) {
        Map<RolloutScope, PhaseEntry> current = phases;
        PhaseEntry own = current.get(RolloutScope.account(account));
        // an account without a row cannot trade: the start seeds every configured account, so none is missing but
        // one added to the database by hand; caution is the answer
        RolloutPhase phase = own == null ? RolloutPhase.SHADOW : own.phase();
        PhaseEntry override = strategy == null ? null : current.get(RolloutScope.strategy(account, strategy));
        return override == null ? phase : phase.cautious(override.phase());
    }

    /** Every persisted phase, for operators' screens. */
    public Map<RolloutScope, PhaseEntry> phases() {
        return phases;
    }

    public List<PendingPromotion> pending() {
        return pending;
    }

    /**
     * An operator's request to move a scope to {@code target}. A demotion applies at once; a promotion of one step
     * applies at once without four eyes and waits for a second operator with them; anything else is refused with
     * the reason ({@link IllegalArgumentException}, nothing changed).
     */
    public synchronized RolloutChange request(RolloutScope scope, RolloutPhase target, String actor, String reason) {
        requireKnown(scope);
        Objects.requireNonNull(target, "target");
        requireActorAndReason(actor, reason);
        PhaseEntry current = phases.get(scope);
        RolloutPhase from = ownPhase(scope);
        if (from == target) {
            return RolloutChange.unchanged(current != null ? current
                    : new PhaseEntry(scope, target, "follows its account", "configuration", now()));
        }
        Map<String, Object> seen = evidence.of(scope.account());
        if (!target.isRiskierThan(from)) {
            PhaseEntry entry = new PhaseEntry(scope, target, reason, actor, now());
            store.move(entry, from, actor, null, seen);
            LOG.warn("rollout phase demoted scope={} from={} to={} actor={} reason=\"{}\"", scope, from, target, actor, reason);
            reload();
            return RolloutChange.applied(entry);
        }
        if (target != from.next()) {
            throw new IllegalArgumentException("a promotion moves one step: " + scope + " is in " + from
                    + ", so the next phase is " + from.next() + ", not " + target);
        }
        if (!fourEyes) {
            PhaseEntry entry = new PhaseEntry(scope, target, reason, actor, now());
            store.move(entry, from, actor, null, seen);
            LOG.warn("rollout phase promoted scope={} from={} to={} actor={} reason=\"{}\"", scope, from, target, actor, reason);
            reload();
            return RolloutChange.applied(entry);
        }
        PendingPromotion asked = store.propose(new PendingPromotion(0, scope, from, target, reason, actor, now()), seen);
        LOG.warn("rollout promotion awaits a second operator id={} scope={} from={} to={} actor={} reason=\"{}\"",
                asked.id(), scope, from, target, actor, reason);
        reload();
        return RolloutChange.pending(asked);
    }

    /** A second operator's approval: the promotion takes effect now. */
    public synchronized PhaseEntry approve(long id, String approver, String reason) {
        requireActorAndReason(approver, reason == null || reason.isBlank() ? "approved" : reason);
        PendingPromotion asked = pending.stream().filter(p -> p.id() == id).findFirst().orElse(null);
        PhaseEntry entry = store.approve(id, approver, reason == null || reason.isBlank() ? "approved" : reason, now(),
                evidence.of(asked != null ? asked.scope().account() : accountOfUnknown(id)));
        LOG.warn("rollout promotion approved id={} scope={} to={} approver={}", id, entry.scope(), entry.phase(), approver);
        reload();
        return entry;
    }

    /** Withdraws a pending promotion (the asker changed their mind, or another operator refuses it). */
    public synchronized PendingPromotion withdraw(long id, String actor, String reason) {
        requireActorAndReason(actor, reason == null || reason.isBlank() ? "withdrawn" : reason);
        PendingPromotion gone = store.withdraw(id, actor, reason == null || reason.isBlank() ? "withdrawn" : reason, now());
        LOG.warn("rollout promotion withdrawn id={} scope={} to={} actor={}", id, gone.scope(), gone.to(), actor);
        reload();
        return gone;
    }

    /** The scope's own phase: a strategy without one follows its account, which counts as LIVE for itself. */
    public RolloutPhase ownPhase(RolloutScope scope) {
        PhaseEntry e = phases.get(scope);
        if (e != null) {
            return e.phase();
        }
        return scope.isAccount() ? RolloutPhase.SHADOW : RolloutPhase.LIVE;
    }

    /** Refuses a scope of no configured account, or a strategy that may not trade the account. */
    public void requireKnown(RolloutScope scope) {
        if (!accounts.contains(scope.account())) {
            throw new IllegalArgumentException("unknown account '" + scope.account() + "': one of "
                    + new java.util.TreeSet<>(accounts));
        }
        if (!scope.isAccount() && !strategyTrades.test(scope.strategy(), scope.account())) {
            throw new IllegalArgumentException("unknown strategy '" + scope.strategy() + "' on account '"
                    + scope.account() + "': not a configured strategy allowed to trade it");
        }
    }

    private String accountOfUnknown(long id) {
        // not in this instance's copy (asked on another instance since the last reload): the store decides
        reload();
        return pending.stream().filter(p -> p.id() == id).findFirst()
                .map(p -> p.scope().account())
                .orElseThrow(() -> new UnknownPendingChange("no pending change " + id));
    }

    private static void requireActorAndReason(String actor, String reason) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a rollout change needs an operator");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rollout change needs a reason");
        }
    }

    private Instant now() {
        // at the database's precision: the entry re-read after the move is this one
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
