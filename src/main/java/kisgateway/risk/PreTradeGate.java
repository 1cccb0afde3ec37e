package kisgateway.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import kisgateway.risk.compliance.CancelReplaceBurstGuard;
import kisgateway.risk.compliance.OrderRateGuard;
import kisgateway.risk.compliance.QuotePatternGuard;
import kisgateway.risk.compliance.SelfCrossGuard;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchCheck;
import kisgateway.risk.limits.DailyLossCap;
import kisgateway.risk.limits.GrossExposureLimit;
import kisgateway.risk.limits.OrderQuantityLimit;
import kisgateway.risk.limits.OrderValueLimit;
import kisgateway.risk.limits.PositionLimit;
import kisgateway.risk.limits.PriceBandGuard;
import kisgateway.risk.limits.TickGridGuard;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.risk.session.SessionGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-trade risk and compliance gate: every order request passes here before it is persisted as sendable.
 *
 * <p>Rules run in a fixed order, cheap and definitive first: order shape (alone: a malformed order is refused
 * before anything else looks at it), kill switches, session, cancel/replace burst, order rate, repeated quotes,
 * order quantity, tick grid, price band, order value, position, gross exposure, daily loss cap, the rollout phase's
 * caps (when given), self-cross. The
 * first finding is the denial; the compliance guards (burst, rate, quote pattern, self-cross) still run after a
 * denial and each of their findings becomes a {@link ComplianceAlert} in the decision.
 *
 * <p>Cancels are only subject to the cancel/replace burst guard. {@link #evaluate} reads the in-memory kill
 * switches, the clock and {@link RiskInputs} (at most once per method and order; see there); its only I/O of its
 * own is the read of the {@link ConductHistory} that rebuilds the guards' windows, once before the first screening
 * after start-up and once after each leadership gain ({@link ConductWindowsRebuild}). It is safe to call from several
 * threads. Between {@code evaluate} and {@link #recordAccepted} two concurrent requests for the same account and
 * symbol can both be counted as the last allowed one; the pipeline's per-account sender keeps that to its
 * concurrency.
 */
public final class PreTradeGate {

    private static final Logger LOG = LoggerFactory.getLogger(PreTradeGate.class);

    private final PreTradeCheck shape = new OrderShapeCheck();
    private final List<PreTradeCheck> checks;
    private final RiskInputs inputs;
    private final Clock clock;
    private final ConductWindowsRebuild windows;

    PreTradeGate(List<PreTradeCheck> checks, RiskInputs inputs, Clock clock) {
        this(checks, inputs, clock, null);
    }

    private PreTradeGate(List<PreTradeCheck> checks, RiskInputs inputs, Clock clock, ConductWindowsRebuild windows) {
        this.checks = List.copyOf(checks);
        this.inputs = inputs;
        this.clock = clock;
        this.windows = windows;
    }

    /**
     * The gate with the standard rules in the documented order, whose windows hold only what it screens itself (no
     * books to rebuild them from).
     */
    public static PreTradeGate create(RiskSettings settings, KrxSessionCalendar calendar, KillSwitchBoard killSwitches,
                                      RiskInputs inputs, Clock clock) {
        return new PreTradeGate(standardChecks(settings, calendar, killSwitches), inputs, clock, null);
    }

    /**
     * The gate with the standard rules, whose windows are rebuilt from the books before the first screening and
     * before the first after each move of the leadership epoch.
     *
     * @param history         the requests accepted so far, on {@code clock}
     * @param leadershipEpoch counted up on every leadership gain of this instance; constant when it never changes
     */
    public static PreTradeGate create(RiskSettings settings, KrxSessionCalendar calendar, KillSwitchBoard killSwitches,
                                      RiskInputs inputs, Clock clock, ConductHistory.Source history,
                                      LongSupplier leadershipEpoch) {
        return create(settings, calendar, killSwitches, inputs, clock, history, leadershipEpoch, List.of());
    }

    /**
     * As above, with the rollout phase's caps ({@code kisgateway.risk.rollout}) after the account limits and before
     * the self-cross guard: an order a standing limit refuses is denied for that limit, one within them for the cap.
     */
    public static PreTradeGate create(RiskSettings settings, KrxSessionCalendar calendar, KillSwitchBoard killSwitches,
                                      RiskInputs inputs, Clock clock, ConductHistory.Source history,
                                      LongSupplier leadershipEpoch, List<PreTradeCheck> rolloutCaps) {
        return new PreTradeGate(standardChecks(settings, calendar, killSwitches, rolloutCaps), inputs, clock,
                new ConductWindowsRebuild(history, leadershipEpoch, settings.compliance().longestWindow(), clock));
    }

    private static List<PreTradeCheck> standardChecks(RiskSettings settings, KrxSessionCalendar calendar,
                                                      KillSwitchBoard killSwitches) {
        return standardChecks(settings, calendar, killSwitches, List.of());
    }

    private static List<PreTradeCheck> standardChecks(RiskSettings settings, KrxSessionCalendar calendar,
                                                      KillSwitchBoard killSwitches, List<PreTradeCheck> rolloutCaps) {
        List<PreTradeCheck> checks = new ArrayList<>(List.of(
                new KillSwitchCheck(killSwitches),
                new SessionGate(calendar),
                new CancelReplaceBurstGuard(settings.compliance()),
                new OrderRateGuard(settings.compliance()),
                new QuotePatternGuard(settings.compliance()),
                new OrderQuantityLimit(settings.limits()),
                new TickGridGuard(settings.ticks()),
                new PriceBandGuard(settings.priceBand()),
                new OrderValueLimit(settings.limits()),
                new PositionLimit(settings.limits()),
                new GrossExposureLimit(settings.limits()),
                new DailyLossCap(settings.limits())));
        checks.addAll(rolloutCaps);
        checks.add(new SelfCrossGuard());
        return checks;
    }

    public RiskDecision evaluate(RiskOrder order) {
        return evaluate(order, null);
    }

    /**
     * @param prepared inputs already made for this order (its book read along with its create); null to make them
     *                 with {@link RiskInputs#forOrder}
     */
    public RiskDecision evaluate(RiskOrder order, RiskInputs prepared) {
        RiskDecision decision;
        try {
            // inside the try: windows that cannot be rebuilt deny the order like inputs that fail to answer, and the
            // next screening tries again
            if (windows != null) {
                windows.ensureCurrent(this::rebuildWindows);
            }
            Instant now = clock.instant();
            // inside the try: inputs that cannot even be prepared deny the order like inputs that fail to answer
            RiskInputs forThisOrder = prepared != null ? prepared : inputs.forOrder(order);
            decision = decide(order, new OrderContext(order, forThisOrder, now), now);
        } catch (RuntimeException e) {
            decision = failed(order, e);
        }
        log(order, decision);
        return decision;
    }

    /**
     * Replaces the stateful guards' windows with the history: what they held before is forgotten, so a request
     * they had counted and the history holds counts once.
     */
    public void rebuildWindows(ConductHistory history) {
        for (PreTradeCheck check : checks) {
            check.rebuild(history);
        }
    }

    /**
     * Tells the stateful guards that the order went out (call it once the request is persisted as sendable), so
     * that rates, bursts and quote patterns count what the market actually saw.
     */
    public void recordAccepted(RiskOrder order) {
        Instant now = clock.instant();
        for (PreTradeCheck check : checks) {
            check.recordAccepted(order, now);
        }
    }

    private RiskDecision decide(RiskOrder order, OrderContext context, Instant now) {
        Optional<Finding> malformed = shape.check(order, context);
        if (malformed.isPresent()) {
            return RiskDecision.deny(malformed.get(), List.of());
        }
        Finding denial = null;
        List<ComplianceAlert> alerts = List.of();
        for (PreTradeCheck check : checks) {
            if (denial != null && !check.complianceGuard()) {
                continue;
            }
            Optional<Finding> finding = check.check(order, context);
            if (finding.isEmpty()) {
                continue;
            }
            if (check.complianceGuard()) {
                if (alerts.isEmpty()) {
                    alerts = new ArrayList<>(2);
                }
                alerts.add(alert(order, finding.get(), now));
            }
            if (denial == null) {
                denial = finding.get();
            }
        }
        return denial == null ? RiskDecision.allow(alerts) : RiskDecision.deny(denial, alerts);
    }

    private static RiskDecision failed(RiskOrder order, RuntimeException e) {
        LOG.error("risk evaluation failed order={} kind={} error=\"{}\"", order.orderRef(), order.kind(), e.toString(), e);
        if (!order.placesQuote()) {
            // a cancel only ever reduces risk; a broken rule must not keep an order resting in the market
            return RiskDecision.allow(List.of());
        }
        return RiskDecision.deny(Finding.of(RiskRule.RISK_EVALUATION_FAILED, "error", e.toString()), List.of());
    }

    private static ComplianceAlert alert(RiskOrder order, Finding finding, Instant now) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("orderRef", order.orderRef());
        detail.put("kind", order.kind().name());
        detail.put("side", order.side().name());
        detail.put("quantity", Long.toString(order.quantity()));
        detail.put("price", order.price() == null ? "market" : Finding.text(order.price()));
        if (order.orderType() != null) {
            detail.put("orderType", order.orderType());
        }
        detail.put("exchange", order.exchange().name());
        if (order.originalRef() != null) {
            detail.put("originalRef", order.originalRef());
        }
        finding.values().forEach(detail::putIfAbsent);
        return new ComplianceAlert(finding.rule(), order.account(), order.strategyId(), order.symbol(), detail, now);
    }

    private static void log(RiskOrder order, RiskDecision decision) {
        if (decision.allowed()) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("risk decision=ALLOW order={} kind={} account={} strategy={} symbol={} alerts={}",
                        order.orderRef(), order.kind(), order.account(), order.strategyId(), order.symbol(),
                        decision.alerts().size());
            }
        } else {
            LOG.info("risk decision=DENY rule={} order={} kind={} account={} strategy={} symbol={} side={} values={} alerts={}",
                    decision.ruleId(), order.orderRef(), order.kind(), order.account(), order.strategyId(),
                    order.symbol(), order.side(), decision.values(), decision.alerts().size());
        }
    }
}
