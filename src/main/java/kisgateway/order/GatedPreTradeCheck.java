package kisgateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kisgateway.risk.ComplianceAlert;
import kisgateway.risk.Exchange;
import kisgateway.risk.PreTradeGate;
import kisgateway.risk.RiskDecision;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import kisgateway.risk.compliance.JdbcComplianceAlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order flow's view of the risk and compliance gate (kisgateway.risk): a refused new order becomes DENIED
 * with the rule and its values in the event and never reaches KIS; a refused cancel or revision is answered
 * with the rule; every compliance finding is stored for human review, whatever the verdict.
 */
public final class GatedPreTradeCheck implements PreTradeCheck, OrderAmender.AmendmentCheck {

    private static final Logger LOG = LoggerFactory.getLogger(GatedPreTradeCheck.class);

    private final PreTradeGate gate;
    private final JdbcOrderStore store;
    private final JdbcComplianceAlertStore alerts;
    private final MarketPrices prices;
    private final Clock clock;

    public GatedPreTradeCheck(PreTradeGate gate, JdbcOrderStore store, JdbcComplianceAlertStore alerts,
                              MarketPrices prices, Clock clock) {
        this.gate = gate;
        this.store = store;
        this.alerts = alerts;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public Screening screen(OrderRecord order) {
        return screen(order, null);
    }

    @Override
    public Screening screen(OrderRecord order, ScreeningBook book) {
        Instant now = clock.instant();
        Duration remaining = Duration.between(now, order.createdAt().plus(order.timeToLive()));
        if (remaining.compareTo(Duration.ofMillis(1)) > 0) {
            prices.ensureFresh(order.account(), order.symbol(), remaining);
        }
        RiskOrder riskOrder = RiskOrder.newOrder(order.orderId().toString(), order.account(), order.strategyId(),
                order.symbol(), Side.valueOf(order.side().name()), order.quantity(), order.price(),
                order.orderType().code(), Exchange.valueOf(order.exchange().name()), now);
        RiskDecision decision = gate.evaluate(riskOrder,
                book != null && book.isFor(order) ? new AccountBookSnapshot(prices, book,
                        Duration.between(clock.instant(), order.createdAt().plus(order.timeToLive()))) : null);
        raise(decision);
        if (decision.allowed()) {
            gate.recordAccepted(riskOrder);
            return new Screening(order, true);
        }
        OrderChange denial = OrderChange.because("denied by " + decision.ruleId())
                .rejection(decision.ruleId(), decision.values().toString()).detail("rule", decision.ruleId());
        decision.values().forEach(denial::detail);
        LOG.info("order denied order={} account={} strategy={} rule={} values={}", order.orderId(), order.account(),
                order.strategyId(), decision.ruleId(), decision.values());
        return new Screening(store.transition(order.orderId(), OrderEventType.DENY, denial).order(), false);
    }

    /**
     * Would the gate take a new order like this at {@code at}? For a parent order's intake (issue 22): its first
     * child is screened before the parent exists, so a parent the gate refuses is refused whole, with the rule, and
     * no child is ever sent. Nothing is recorded: no window counts it, no alert is stored, no order moves.
     *
     * @return the refusal ("rule values"), or empty when the gate takes it
     */
    public java.util.Optional<String> preview(String account, String strategyId, String symbol, kisgateway.order.Side side,
                                              long quantity, BigDecimal price, OrderType type,
                                              kisgateway.order.Exchange exchange, Instant at, Duration wait) {
        if (wait.compareTo(Duration.ofMillis(1)) > 0) {
            prices.ensureFresh(account, symbol, wait);
        }
        RiskDecision decision = gate.evaluate(RiskOrder.newOrder("parent-preview", account, strategyId, symbol,
                Side.valueOf(side.name()), quantity, price, type.code(), Exchange.valueOf(exchange.name()), at));
        return decision.allowed() ? java.util.Optional.empty()
                : java.util.Optional.of(decision.ruleId() + " " + decision.values());
    }

    @Override
    public void screen(IntentKind kind, OrderRecord target, String strategyId, long quantity, BigDecimal price) {
        WorkingOrder original = new WorkingOrder(target.orderId().toString(), target.symbol(),
                Side.valueOf(target.side().name()), target.price(), target.remainingQuantity());
        Exchange exchange = Exchange.valueOf(target.exchange().name());
        Instant now = clock.instant();
        RiskOrder request = kind == IntentKind.CANCEL
                ? RiskOrder.cancel(target.orderId().toString(), target.account(), strategyId, original, exchange, now)
                : RiskOrder.replace(target.orderId().toString(), target.account(), strategyId, original, quantity,
                        price, target.orderType().code(), exchange, now);
        RiskDecision decision = gate.evaluate(request);
        raise(decision);
        if (!decision.allowed()) {
            LOG.info("{} denied order={} rule={} values={}", kind, target.orderId(), decision.ruleId(), decision.values());
            throw new OrderAmender.OrderDeniedException(decision.ruleId(),
                    kind + " of " + target.clientOrderId() + " denied by " + decision.ruleId() + " " + decision.values());
        }
        gate.recordAccepted(request);
    }

    private void raise(RiskDecision decision) {
        if (decision.alerts().isEmpty()) {
            return;
        }
        alerts.saveAll(decision.alerts());
        for (ComplianceAlert a : decision.alerts()) {
            LOG.warn("compliance alert for review rule={} account={} strategy={} symbol={}", a.rule(), a.account(),
                    a.strategyId(), a.symbol());
        }
    }
}
