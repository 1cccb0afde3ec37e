package kisgateway.risk.rollout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PILOT caps of every account and of the strategies given caps of their own, and the rules for changing one.
 * Reads come from an in-memory copy; a change is persisted and audited by the {@link JdbcCapStore} first. Lowering a
 * cap (less through) takes effect at once; raising one waits for a second operator with four eyes on, like a
 * promotion. Configuration gives the first values; the persisted ones win from then on.
 */
public final class PilotCapBoard {

    private static final Logger LOG = LoggerFactory.getLogger(PilotCapBoard.class);

    private final JdbcCapStore store;
    private final RolloutBoard phases;
    private final RolloutEvidence evidence;
    private final Clock clock;
    private volatile Map<RolloutScope, Map<PilotCap, CapEntry>> caps = Map.of();
    private volatile List<PendingCapRaise> pending = List.of();

    private PilotCapBoard(JdbcCapStore store, RolloutBoard phases, RolloutEvidence evidence, Clock clock) {
        this.store = store;
        this.phases = phases;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** @param configured the configured caps (ConfiguredCaps), written for the scopes and caps without a row */
    public static PilotCapBoard load(JdbcCapStore store, List<CapEntry> configured, RolloutBoard phases,
                                     RolloutEvidence evidence, Clock clock) {
        PilotCapBoard board = new PilotCapBoard(Objects.requireNonNull(store), Objects.requireNonNull(phases),
                Objects.requireNonNull(evidence), Objects.requireNonNull(clock));
        store.seed(configured);
        board.reload();
        return board;
    }

    public synchronized void reload() {
        Map<RolloutScope, Map<PilotCap, CapEntry>> read = new HashMap<>();
        for (CapEntry e : store.loadCaps()) {
            read.computeIfAbsent(e.scope(), s -> new EnumMap<>(PilotCap.class)).put(e.cap(), e);
        }
        Map<RolloutScope, Map<PilotCap, CapEntry>> frozen = new HashMap<>();
        read.forEach((scope, m) -> frozen.put(scope, Map.copyOf(m)));
        caps = Map.copyOf(frozen);
        pending = List.copyOf(store.loadPending());
    }

    /** The cap of the scope itself (a strategy's own, not its account's); empty when it has none. */
    public Optional<String> cap(RolloutScope scope, PilotCap cap) {
        CapEntry e = caps.getOrDefault(scope, Map.of()).get(cap);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    public Map<RolloutScope, Map<PilotCap, CapEntry>> all() {
        return caps;
    }

    public List<PendingCapRaise> pending() {
        return pending;
    }

    public boolean isPending(long id) {
        if (pending.stream().anyMatch(p -> p.id() == id)) {
            return true;
        }
        // asked on another instance since the last read
        reload();
        return pending.stream().anyMatch(p -> p.id() == id);
    }

    /**
     * Sets a cap of an account or a strategy on it: lower at once, raise with four eyes. A cap that is not a positive
     * amount, an unknown cap or scope, or a daily cap given to a strategy is refused with the reason (nothing
     * changed).
     */
    public synchronized CapChange request(RolloutScope scope, String capKey, String value, String actor, String reason) {
        phases.requireKnown(scope);
        PilotCap cap = PilotCap.byKey(capKey);
        if (!scope.isAccount() && !cap.perStrategy()) {
            throw new IllegalArgumentException("cap " + cap.key() + " counts the account's whole book: set it on the"
                    + " account, not on strategy " + scope.strategy());
        }
        String next = cap.canonical(value);
        requireActorAndReason(actor, reason);
        CapEntry current = caps.getOrDefault(scope, Map.of()).get(cap);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (current != null && current.value().equals(next)) {
            return new CapChange(current, null, true);
        }
        Map<String, Object> seen = evidence.of(scope.account());
        // a strategy without a cap of its own was capped by its account's only: any cap of its own is a restriction
        boolean raise = current != null && cap.raises(current.value(), next);
        String from = current == null ? null : current.value();
        if (!raise || !phases.fourEyes()) {
            CapEntry entry = new CapEntry(scope, cap, next, reason, actor, now);
            store.move(entry, from, actor, null, seen);
            LOG.warn("rollout cap changed scope={} cap={} from={} to={} actor={} reason=\"{}\"", scope, cap.key(), from,
                    next, actor, reason);
            reload();
            return new CapChange(entry, null, false);
        }
        PendingCapRaise asked = store.propose(new PendingCapRaise(0, scope, cap, from, next, reason, actor, now), seen);
        LOG.warn("rollout cap raise awaits a second operator id={} scope={} cap={} from={} to={} actor={}", asked.id(),
                scope, cap.key(), from, next, actor);
        reload();
        return new CapChange(null, asked, false);
    }

    public synchronized CapEntry approve(long id, String approver, String reason) {
        requireActorAndReason(approver, "approved");
        PendingCapRaise asked = pending.stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new UnknownPendingChange("no pending change " + id));
        CapEntry entry = store.approve(id, approver, reason == null || reason.isBlank() ? "approved" : reason,
                clock.instant().truncatedTo(ChronoUnit.MICROS), evidence.of(asked.scope().account()));
        LOG.warn("rollout cap raise approved id={} scope={} cap={} to={} approver={}", id, entry.scope(),
                entry.cap().key(), entry.value(), approver);
        reload();
        return entry;
    }

    public synchronized PendingCapRaise withdraw(long id, String actor, String reason) {
        requireActorAndReason(actor, "withdrawn");
        PendingCapRaise gone = store.withdraw(id, actor, reason == null || reason.isBlank() ? "withdrawn" : reason,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        reload();
        return gone;
    }

    private static void requireActorAndReason(String actor, String reason) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a cap change needs an operator");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a cap change needs a reason");
        }
    }
}
