package kisgateway.risk.rollout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.OrderKind;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;

/**
 * The PILOT phase's hard caps, in the pre-trade gate, for an order whose effective phase is PILOT or RAMP (RAMP's
 * grown by {@link CapGrowth}): symbol allow-list, per-order notional, open orders, daily gross notional, daily
 * loss, in that order; the first cap passed is the denial and names itself ({@code PILOT_CAP_*}). The daily figures
 * are the gate's own (the daily loss cap's P&amp;L, the gross exposure limit's exposure), not new computations.
 *
 * <p>Cancels are never capped, and neither is a risk-reducing order (a sell of shares held and not already
 * offered): a pilot must always be able to get out.
 */
public final class PilotCapCheck implements PreTradeCheck {

    private final RolloutBoard phases;
    private final PilotCapBoard caps;
    private final CapGrowth growth;

    public PilotCapCheck(RolloutBoard phases, PilotCapBoard caps, CapGrowth growth) {
        this.phases = phases;
        this.caps = caps;
        this.growth = growth;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        RolloutPhase phase = phases.effectivePhase(order.account(), order.strategyId());
        if (phase != RolloutPhase.PILOT && phase != RolloutPhase.RAMP) {
            return Optional.empty();
        }
        if (context.riskReducing()) {
            return Optional.empty();
        }
        BigDecimal factor = phase == RolloutPhase.RAMP ? growth.factor(order.account()) : BigDecimal.ONE;
        RolloutScope account = RolloutScope.account(order.account());
        RolloutScope strategy = RolloutScope.strategy(order.account(), order.strategyId());

        for (RolloutScope scope : new RolloutScope[] {account, strategy}) {
            Set<String> allowed = PilotCap.symbols(caps.cap(scope, PilotCap.SYMBOLS).orElse(""));
            if (!allowed.isEmpty() && !allowed.contains(order.symbol())) {
                return deny(PilotCap.SYMBOLS, phase, scope, "symbol", order.symbol(), "allowed",
                        String.join(",", new java.util.TreeSet<>(allowed)));
            }
        }

        BigDecimal price = context.limitPrice() != null ? context.limitPrice() : context.lastPrice().orElse(null);
        if (price == null) {
            return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "lastPrice", "symbol",
                    order.symbol(), "check", PilotCap.ORDER_NOTIONAL.rule()));
        }
        BigDecimal notional = price.multiply(BigDecimal.valueOf(order.quantity()));
        for (RolloutScope scope : new RolloutScope[] {account, strategy}) {
            Optional<BigDecimal> cap = amount(scope, PilotCap.ORDER_NOTIONAL, factor);
            if (cap.isPresent() && notional.compareTo(cap.get()) > 0) {
                return deny(PilotCap.ORDER_NOTIONAL, phase, scope, "cap", cap.get(), "actual", notional,
                        "quantity", order.quantity(), "price", price);
            }
        }

        if (order.kind() == OrderKind.NEW) {
            Optional<BigDecimal> cap = amount(account, PilotCap.OPEN_ORDERS, factor);
            if (cap.isPresent()) {
                OptionalLong open = context.openOrders();
                if (open.isEmpty()) {
                    return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "openOrders",
                            "check", PilotCap.OPEN_ORDERS.rule()));
                }
                long max = cap.get().setScale(0, RoundingMode.FLOOR).longValueExact();
                if (open.getAsLong() + 1 > max) {
                    return deny(PilotCap.OPEN_ORDERS, phase, account, "cap", max, "open", open.getAsLong());
                }
            }
        }

        if (order.side() == Side.BUY) {
            Optional<BigDecimal> cap = amount(account, PilotCap.DAILY_GROSS_NOTIONAL, factor);
            if (cap.isPresent()) {
                Optional<BigDecimal> exposure = context.grossExposure();
                if (exposure.isEmpty()) {
                    return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "grossExposure",
                            "check", PilotCap.DAILY_GROSS_NOTIONAL.rule()));
                }
                WorkingOrder original = order.original();
                BigDecimal released = original == null ? BigDecimal.ZERO
                        : (original.price() != null ? original.price() : price)
                                .multiply(BigDecimal.valueOf(original.remainingQuantity()));
                BigDecimal projected = exposure.get().add(notional).subtract(released);
                if (projected.compareTo(cap.get()) > 0) {
                    return deny(PilotCap.DAILY_GROSS_NOTIONAL, phase, account, "cap", cap.get(), "actual", projected,
                            "current", exposure.get(), "orderValue", notional);
                }
            }
        }

        Optional<BigDecimal> lossCap = amount(account, PilotCap.DAILY_LOSS, factor);
        if (lossCap.isPresent()) {
            Optional<BigDecimal> pnl = context.dailyPnl();
            if (pnl.isEmpty()) {
                return Optional.of(Finding.of(RiskRule.RISK_INPUT_UNAVAILABLE, "input", "dailyPnl",
                        "check", PilotCap.DAILY_LOSS.rule()));
            }
            if (pnl.get().negate().compareTo(lossCap.get()) > 0) {
                return deny(PilotCap.DAILY_LOSS, phase, account, "cap", lossCap.get(), "dailyPnl", pnl.get());
            }
        }
        return Optional.empty();
    }

    private Optional<BigDecimal> amount(RolloutScope scope, PilotCap cap, BigDecimal factor) {
        return caps.cap(scope, cap).map(v -> new BigDecimal(v).multiply(factor));
    }

    private static Optional<Finding> deny(PilotCap cap, RolloutPhase phase, RolloutScope scope, Object... values) {
        Object[] all = new Object[values.length + 4];
        all[0] = "phase";
        all[1] = phase;
        all[2] = "capOf";
        all[3] = scope.toString();
        System.arraycopy(values, 0, all, 4, values.length);
        return Optional.of(Finding.of(cap.rule(), all));
    }
}
