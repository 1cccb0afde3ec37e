package kisgateway.order;

import java.math.BigDecimal;
import java.util.function.Function;
import kisgateway.kis.KisAccount;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.SendOutcome;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.KisTradingApi;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels and revisions (order-rvsecncl). Each request is recorded under its own client id in the same
 * transaction that moves the order to CANCEL_PENDING / REPLACE_PENDING, so a redelivered or retried request is
 * recognised and never sent twice; a request found recorded but without an outcome (a crash mid-send) is left
 * to reconciliation, like any send with no provable outcome. Cancels do not pass the order circuit breaker:
 * reducing risk must stay possible while new orders are refused. A revision changes the price of the whole
 * remainder (QTY_ALL_ORD_YN=Y) and gets a new ODNO from KIS, which becomes the order's number (the chain is
 * kept); a smaller quantity is a partial cancel.
 */
public final class OrderAmender {

    private static final Logger LOG = LoggerFactory.getLogger(OrderAmender.class);

    private final JdbcOrderStore store;
    private final KisTradingApi trading;
    private final Function<String, KisAccount> accounts;
    private final AmendmentCheck check;

    public OrderAmender(JdbcOrderStore store, KisTradingApi trading, Function<String, KisAccount> accounts,
                        AmendmentCheck check) {
        this.store = store;
        this.trading = trading;
        this.accounts = accounts;
        this.check = check;
    }

    public OrderRecord cancel(CancelIntent intent) {
        return cancel(intent, true);
    }

    /**
     * A cancel that risk control orders (a kill switch in force, an operator's mass cancel), not screened: the
     * cancel/replace burst guard caps a strategy's withdrawn quotes against spoofing, and a halt whose cancels it
     * held back would leave the orders resting that the halt exists to pull. Recorded and sent like any cancel.
     */
    public OrderRecord cancelUnscreened(CancelIntent intent) {
        return cancel(intent, false);
    }

    private OrderRecord cancel(CancelIntent intent, boolean screened) {
        OrderRecord target = target(intent.strategyId(), intent.targetClientOrderId(), intent.account());
        if (intent.quantity() > 0 && intent.quantity() > target.remainingQuantity()) {
            throw new InvalidIntentException("cancel quantity " + intent.quantity() + " is more than the "
                    + target.remainingQuantity() + " remaining of " + intent.targetClientOrderId());
        }
        if (screened) {
            check.screen(IntentKind.CANCEL, target, intent.strategyId(), target.remainingQuantity(), target.price());
        }
        Pending pending = begin(intent.clientOrderId(), target, IntentKind.CANCEL, OrderEventType.CANCEL_REQUEST,
                intent.strategyId(), intent.quantity() > 0 ? intent.quantity() : null, null);
        if (!pending.proceed()) {
            return pending.order();
        }
        OrderRecord order = pending.order();
        boolean all = intent.quantity() == 0 || intent.quantity() >= order.remainingQuantity();
        OrderCancellation cancellation = all
                ? OrderCancellation.allRemaining(order.kisBranchNo(), order.kisOrderNo(), KisOrderFields.division(order.orderType()))
                : OrderCancellation.part(order.kisBranchNo(), order.kisOrderNo(), KisOrderFields.division(order.orderType()),
                        intent.quantity());
        try {
            return sendCancel(intent, order, cancellation, all);
        } catch (OrderStoreException e) {
            // the request left (or may have): the caller must not be told that nothing was sent
            throw new OutcomeNotRecorded(order, "cancel " + intent.clientOrderId(), e);
        }
    }

    private OrderRecord sendCancel(CancelIntent intent, OrderRecord order, OrderCancellation cancellation, boolean all) {
        try {
            OrderAck ack = trading.cancelOrder(accounts.apply(order.account()), cancellation,
                    CallTerms.order().withTimeToLive(intent.timeToLive()));
            store.settleRequest(intent.strategyId(), intent.clientOrderId(), "ACKED", ack.orderNo(), ack.msg1());
            LOG.info("cancel accepted order={} request={} cancelOdno={}", order.orderId(), intent.clientOrderId(), ack.orderNo());
            OrderChange change = OrderChange.because("order-rvsecncl cancel accepted")
                    .cancelOrderNo(ack.orderNo()).detail("request", intent.clientOrderId());
            // a partial cancel leaves the rest working: the ack only records the cancel's own number
            return store.transition(order.orderId(), all ? OrderEventType.CANCEL_ACK : OrderEventType.CANCEL_REJECT,
                    all ? change : change.detail("partialCancel", intent.quantity())).order();
        } catch (KisException e) {
            return settleFailure(intent.strategyId(), intent.clientOrderId(), order, e, OrderEventType.CANCEL_REJECT);
        }
    }

    public OrderRecord replace(ReplaceIntent intent) {
        OrderRecord target = target(intent.strategyId(), intent.targetClientOrderId(), intent.account());
        OrderType type = intent.orderType() == null ? target.orderType() : intent.orderType();
        if (intent.quantity() > 0 && intent.price() != null) {
            throw new InvalidIntentException("change the price or the quantity, not both in one replace");
        }
        if (intent.quantity() > target.remainingQuantity()) {
            throw new InvalidIntentException("KRX cannot raise an order's quantity by revision (remaining "
                    + target.remainingQuantity() + ", asked " + intent.quantity() + "); send a new order");
        }
        if (intent.quantity() > 0) {
            // a smaller remainder is a partial cancel of the difference
            long cut = target.remainingQuantity() - intent.quantity();
            if (cut == 0) {
                throw new InvalidIntentException("the remaining quantity is already " + intent.quantity());
            }
            return cancel(new CancelIntent(intent.clientOrderId(), intent.targetClientOrderId(), intent.account(),
                    intent.strategyId(), cut, intent.timeToLive(), intent.receivedAt()));
        }
        if (type.requiresPrice() && intent.price() == null) {
            throw new InvalidIntentException("a revision of a " + type + " order needs a price");
        }
        check.screen(IntentKind.REPLACE, target, intent.strategyId(), target.remainingQuantity(), intent.price());
        Pending pending = begin(intent.clientOrderId(), target, IntentKind.REPLACE, OrderEventType.REPLACE_REQUEST,
                intent.strategyId(), null, intent.price());
        if (!pending.proceed()) {
            return pending.order();
        }
        OrderRecord order = pending.order();
        BigDecimal price = type.requiresPrice() ? intent.price() : BigDecimal.ZERO;
        OrderRevision revision = OrderRevision.allRemainingTo(order.kisBranchNo(), order.kisOrderNo(),
                KisOrderFields.division(type), price);
        try {
            return sendRevision(intent, order, revision);
        } catch (OrderStoreException e) {
            throw new OutcomeNotRecorded(order, "revision " + intent.clientOrderId(), e);
        }
    }

    private OrderRecord sendRevision(ReplaceIntent intent, OrderRecord order, OrderRevision revision) {
        try {
            OrderAck ack = trading.reviseOrder(accounts.apply(order.account()), revision,
                    CallTerms.order().withTimeToLive(intent.timeToLive()));
            store.settleRequest(intent.strategyId(), intent.clientOrderId(), "ACKED", ack.orderNo(), ack.msg1());
            LOG.info("revision accepted order={} request={} oldOdno={} newOdno={}", order.orderId(),
                    intent.clientOrderId(), order.kisOrderNo(), ack.orderNo());
            return store.transition(order.orderId(), OrderEventType.REPLACE_ACK, OrderChange
                    .because("order-rvsecncl revision accepted; new ODNO replaces " + order.kisOrderNo())
                    .brokerOrder(ack.orderNo(), ack.orgNo(), ack.acceptedAt().toInstant())
                    .revision(null, intent.price()).detail("previousOdno", order.kisOrderNo())
                    .detail("request", intent.clientOrderId())).order();
        } catch (KisException e) {
            return settleFailure(intent.strategyId(), intent.clientOrderId(), order, e, OrderEventType.REPLACE_REJECT);
        }
    }

    /**
     * The order a request names, among its own strategy's: another strategy's order under the same client id is
     * not found, and not told apart from no order at all (a strategy learns nothing of another's orders).
     */
    private OrderRecord target(String strategyId, String clientOrderId, String account) {
        OrderRecord target = store.byClientOrderId(strategyId, clientOrderId)
                .orElseThrow(() -> new InvalidIntentException("strategy '" + strategyId + "' has no order with clientOrderId '"
                        + clientOrderId + "'"));
        if (!target.account().equals(account)) {
            throw new InvalidIntentException("order '" + clientOrderId + "' is not an order of account '" + account + "'");
        }
        return target;
    }

    /** Records the request and the order's pending state in one transaction. */
    private Pending begin(String requestId, OrderRecord target, IntentKind kind, OrderEventType event, String strategyId,
                          Long quantity, BigDecimal price) {
        return store.inTransaction(c -> {
            if (!store.recordRequest(c, requestId, target, kind, strategyId, quantity, price)) {
                OrderRecord current = store.byId(target.orderId()).orElse(target);
                LOG.info("duplicate {} request ignored request={} order={} state={}", kind, requestId,
                        target.orderId(), current.state());
                return new Pending(current, false);
            }
            Transition t = store.transition(c, target.orderId(), event, OrderChange.because(kind + " requested")
                    .detail("request", requestId).detail("quantity", quantity).detail("price", price));
            if (!t.legal() || target.kisOrderNo() == null) {
                String why = !t.legal() ? "order is " + t.to() : "order has no KIS order number yet";
                markRefused(c, strategyId, requestId, why);
                LOG.info("{} request refused request={} order={} reason={}", kind, requestId, target.orderId(), why);
                return new Pending(t.order(), false);
            }
            return new Pending(t.order(), true);
        });
    }

    private static void markRefused(java.sql.Connection c, String strategyId, String requestId, String why)
            throws java.sql.SQLException {
        try (var ps = c.prepareStatement("update order_requests set state = 'REFUSED', reason = ? "
                + "where client_request_id = ? and strategy_id = ?")) {
            ps.setString(1, why);
            ps.setString(2, requestId);
            ps.setString(3, strategyId);
            ps.executeUpdate();
        }
    }

    private OrderRecord settleFailure(String strategyId, String requestId, OrderRecord order, KisException e,
                                      OrderEventType rejectEvent) {
        String code = KisOrderFields.code(e);
        if (e instanceof KisBusinessReject || e.sendOutcome() != SendOutcome.UNKNOWN) {
            store.settleRequest(strategyId, requestId, e instanceof KisBusinessReject ? "REJECTED" : "REFUSED", null, code + " " + e.getMessage());
            LOG.info("{} refused order={} request={} code={} reason={}", rejectEvent, order.orderId(), requestId, code,
                    e.getMessage());
            return store.transition(order.orderId(), rejectEvent, OrderChange.because("refused: " + e.getMessage())
                    .detail("request", requestId).detail("code", code)).order();
        }
        store.settleRequest(strategyId, requestId, "AMBIGUOUS", null, e.getMessage());
        LOG.warn("{} outcome unknown order={} request={} reason={}", rejectEvent, order.orderId(), requestId, e.getMessage());
        return store.transition(order.orderId(), OrderEventType.AMBIGUOUS, OrderChange.because(
                "outcome of the request unknown; reconciliation will settle it: " + e.getMessage())
                .detail("request", requestId)).order();
    }

    private record Pending(OrderRecord order, boolean proceed) {
    }

    /** The risk gate's say on a cancel or a revision (kill switches let cancels through; burst guards do not). */
    public interface AmendmentCheck {
        /**
         * @param quantity the quantity the request leaves working (a revision: the whole remainder)
         * @param price    the price it leaves working at
         * @throws OrderDeniedException when refused
         */
        void screen(IntentKind kind, OrderRecord target, String strategyId, long quantity, BigDecimal price);
    }

    /** A cancel or revision refused by the risk gate, with the rule. */
    public static final class OrderDeniedException extends IllegalArgumentException {
        private final String rule;

        public OrderDeniedException(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

}
