package kisgateway.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * order quantity, tick grid, price band, order value, position, gross exposure, daily loss cap, self-cross. The
 * first finding is the denial; the compliance guards (burst, rate, quote pattern, self-cross) still run after a
 * denial and each of their findings becomes a {@link ComplianceAlert} in the decision.
 *
 * <p>Cancels are only subject to the cancel/replace burst guard. {@link #evaluate} does no I/O of its own: it reads
 * the in-memory kill switches, the clock and {@link RiskInputs} (at most once per method and order; see there).
 * It is safe to call from several threads. Between {@code evaluate} and {@link #recordAccepted} two concurrent
 * requests for the same account and symbol can both be counted as the last allowed one; the pipeline's per-account
 * sender keeps that to its concurrency.
 */
public final class PreTradeGate {

    private static final Logger LOG = LoggerFactory.getLogger(PreTradeGate.class);

    private final PreTradeCheck shape = new OrderShapeCheck();
    private final List<PreTradeCheck> checks;
    private final RiskInputs inputs;
    private final Clock clock;

    PreTradeGate(List<PreTradeCheck> checks, RiskInputs inputs, Clock clock) {
        this.checks = List.copyOf(checks);
        this.inputs = inputs;
        this.clock = clock;
    }

    /** The gate with the standard rules in the documented order. */
    public static PreTradeGate create(RiskSettings settings, KrxSessionCalendar calendar, KillSwitchBoard killSwitches,
                                      RiskInputs inputs, Clock clock) {
        return new PreTradeGate(List.of(
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
                new DailyLossCap(settings.limits()),
                new SelfCrossGuard()), inputs, clock);
    }

    public RiskDecision evaluate(RiskOrder order) {
        return evaluate(order, null);
    }

    /**
     * @param prepared inputs already made for this order (its book read along with its create); null to make them
     *                 with {@link RiskInputs#forOrder}
     */
    public RiskDecision evaluate(RiskOrder order, RiskInputs prepared) {
        Instant now = clock.instant();
        RiskDecision decision;
        try {
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
