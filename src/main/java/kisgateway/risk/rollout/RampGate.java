package kisgateway.risk.rollout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import kisgateway.risk.ComplianceAlert;
import kisgateway.risk.RiskRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RAMP phase's schedule and its gates. For each account in RAMP, an evaluation (on a timer on the KIS leader, and
 * on demand) checks the gates: no reconciliation break open longer than the allowed age, a kill-switch drill passed
 * recently enough (none recorded counts as missed), and a reject rate under its ceiling. While they hold, the caps
 * grow by the growth factor for each whole clean period, up to the account's ramp ceiling. When one fails the ramp
 * freezes (the caps keep the size they had, the clean period starts again once the gates hold), an alert is raised
 * for human review ({@code compliance_alerts}, and the health check while any ramp is frozen), and, configured so,
 * the account steps back to PILOT (an audited demotion).
 *
 * <p>The clock is injected: an evaluation's "now" is the clock's, and so is every age it judges.
 */
public final class RampGate implements CapGrowth {

    private static final Logger LOG = LoggerFactory.getLogger(RampGate.class);
    public static final String ACTOR = "rollout-ramp";

    private final RolloutBoard phases;
    private final PilotCapBoard caps;
    private final RampInputs inputs;
    private final JdbcRampStore store;
    private final RampSettings settings;
    private final Consumer<ComplianceAlert> alerts;
    private final Clock clock;
    private volatile Map<String, RampState> ramps = Map.of();

    public RampGate(RolloutBoard phases, PilotCapBoard caps, RampInputs inputs, JdbcRampStore store,
                    RampSettings settings, Consumer<ComplianceAlert> alerts, Clock clock) {
        this.phases = phases;
        this.caps = caps;
        this.inputs = inputs;
        this.store = store;
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
        reload();
    }

    /** How far the account's caps have grown; 1 without a ramp. */
    @Override
    public BigDecimal factor(String account) {
        RampState s = ramps.get(account);
        return s == null ? BigDecimal.ONE : s.factor();
    }

    public Map<String, RampState> ramps() {
        return ramps;
    }

    public synchronized void reload() {
        Map<String, RampState> read = new HashMap<>();
        store.loadAll().forEach(s -> read.put(s.account(), s));
        ramps = Map.copyOf(read);
    }

    /** Evaluates every account in RAMP now; answers their ramps as they now are. */
    public synchronized List<RampState> evaluateAll() {
        phases.reload();
        caps.reload();
        reload();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<RampState> out = new ArrayList<>();
        for (PhaseEntry e : phases.phases().values()) {
            // only the accounts this gateway trades: the table may hold one no longer configured
            if (e.scope().isAccount() && e.phase() == RolloutPhase.RAMP && phases.accounts().contains(e.scope().account())) {
                out.add(evaluate(e, now));
            }
        }
        reload();
        return out;
    }

    private RampState evaluate(PhaseEntry entered, Instant now) {
        String account = entered.scope().account();
        RampState was = ramps.get(account);
        if (was == null || !was.enteredAt().equals(entered.changedAt())) {
            // a new stay in RAMP starts from the PILOT caps, whatever an earlier stay had grown to
            was = new RampState(account, entered.changedAt(), BigDecimal.ONE, entered.changedAt(), false, null, now);
        }
        List<String> failed = failedGates(account, now);
        if (!failed.isEmpty()) {
            String reason = String.join("; ", failed);
            RampState frozen = new RampState(account, was.enteredAt(), was.factor(), null, true, reason, now);
            boolean frozeNow = !was.frozen();
            Map<String, Object> evidence = frozeNow ? phasesEvidence(account) : Map.of();
            store.save(frozen, frozeNow, false, evidence);
            if (frozeNow) {
                LOG.warn("rollout ramp frozen account={} factor={} reason=\"{}\"", account, frozen.factor(), reason);
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("reason", reason);
                detail.put("factor", frozen.factor().stripTrailingZeros().toPlainString());
                detail.put("demoted", Boolean.toString(settings.demoteOnFailedGate()));
                alerts.accept(new ComplianceAlert(RiskRule.RAMP_GATE_FAILED, account, null, null, detail, now));
            }
            if (settings.demoteOnFailedGate()) {
                phases.request(RolloutScope.account(account), RolloutPhase.PILOT, ACTOR,
                        "ramp gate failed: " + reason);
            }
            return frozen;
        }
        Instant cleanSince = was.cleanSince() == null ? now : was.cleanSince();
        long periods = Duration.between(cleanSince, now).toNanos() / settings.cleanPeriod().toNanos();
        BigDecimal factor = was.factor();
        if (periods > 0) {
            factor = factor.multiply(settings.growthFactor().pow((int) Math.min(periods, 64)), MathContext.DECIMAL64);
            cleanSince = cleanSince.plus(settings.cleanPeriod().multipliedBy(periods));
        }
        BigDecimal ceiling = caps.cap(RolloutScope.account(account), PilotCap.RAMP_CEILING).map(BigDecimal::new)
                .orElse(BigDecimal.ONE);
        if (factor.compareTo(ceiling) > 0) {
            factor = ceiling;
        }
        RampState next = new RampState(account, was.enteredAt(), factor, cleanSince, false, null, now);
        boolean thawedNow = was.frozen();
        store.save(next, false, thawedNow, thawedNow ? phasesEvidence(account) : Map.of());
        if (thawedNow) {
            LOG.warn("rollout ramp resumed account={} factor={}", account, factor);
        }
        if (factor.compareTo(was.factor()) != 0) {
            LOG.info("rollout ramp grew account={} from={} to={} ceiling={}", account, was.factor(), factor, ceiling);
        }
        return next;
    }

    private Map<String, Object> phasesEvidence(String account) {
        Map<String, Object> m = new LinkedHashMap<>();
        inputs.oldestOpenBreak(account).ifPresent(t -> m.put("oldestOpenBreakAt", t.toString()));
        m.put("lastPassedDrillAt", inputs.lastPassedDrill(account).map(Instant::toString).orElse(null));
        return m;
    }

    /** The gates that fail now, each said with its figures; empty when all hold. */
    List<String> failedGates(String account, Instant now) {
        List<String> failed = new ArrayList<>();
        Optional<Instant> oldest = inputs.oldestOpenBreak(account);
        if (oldest.isPresent() && Duration.between(oldest.get(), now).compareTo(settings.maxBreakAge()) > 0) {
            failed.add("a reconciliation break open since " + oldest.get() + ", longer than "
                    + settings.maxBreakAge());
        }
        Optional<Instant> drill = inputs.lastPassedDrill(account);
        if (drill.isEmpty()) {
            failed.add("no kill-switch drill passed (none recorded)");
        } else if (Duration.between(drill.get(), now).compareTo(settings.maxDrillAge()) > 0) {
            failed.add("the last kill-switch drill passed at " + drill.get() + ", longer ago than "
                    + settings.maxDrillAge());
        }
        RampInputs.Rejects r = inputs.rejects(account, now.minus(settings.rejectWindow()), now);
        if (r.answered() >= settings.rejectMinOrders() && BigDecimal.valueOf(r.rejected())
                .compareTo(settings.maxRejectRate().multiply(BigDecimal.valueOf(r.answered()))) > 0) {
            failed.add(r.rejected() + " of " + r.answered() + " orders rejected within " + settings.rejectWindow()
                    + ", above " + settings.maxRejectRate().stripTrailingZeros().toPlainString());
        }
        return failed;
    }
}
