package kisgateway.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;
import kisgateway.kis.KisAccount;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisInvalidRequest;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.SendOutcome;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.KisTradingApi;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.SendObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a new order to KIS {@code order-cash}, persist-before-send: SUBMITTED is committed before the request
 * leaves, and the answer is recorded as it comes back. The adapter's per-app-key rate budget is the throttle
 * (the call waits for its slot, up to the order's remaining time-to-live); there is no second limiter.
 *
 * <p>Outcomes: ACKED with ODNO and branch; REJECTED for a definite refusal (msg_cd kept); EXPIRED when the
 * time-to-live ran out before a slot was free; DENIED when the request provably never left; and
 * RECONCILE_REQUIRED when it may have reached KIS (timeout, 5xx, reset after send) — never resent.
 *
 * <p>The gateway's own latency is measured per order: from intake (the nanos the intake route stamped) to the
 * moment the HTTP request is handed to the transport, minus the wait for the app key's send slot, which is the
 * throttle's doing and not the gateway's.
 */
public final class OrderSender {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSender.class);
    private static final int MAX_RATE_LIMITED_ATTEMPTS = 3;

    private final JdbcOrderStore store;
    private final KisTradingApi trading;
    private final Function<String, KisAccount> accounts;
    private final Clock clock;
    private final LongConsumer gatewayOverheadNanos;

    public OrderSender(JdbcOrderStore store, KisTradingApi trading, Function<String, KisAccount> accounts, Clock clock) {
        this(store, trading, accounts, clock, nanos -> { });
    }

    /** @param gatewayOverheadNanos told, per order that leaves, intake-to-request time without the slot wait */
    public OrderSender(JdbcOrderStore store, KisTradingApi trading, Function<String, KisAccount> accounts, Clock clock,
                       LongConsumer gatewayOverheadNanos) {
        this.store = store;
        this.trading = trading;
        this.accounts = accounts;
        this.clock = clock;
        this.gatewayOverheadNanos = gatewayOverheadNanos;
    }

    /**
     * @throws OrderSendFailed after recording the order's state, when the failure is KIS's (for the breaker)
     */
    public OrderRecord submit(OrderRecord order) {
        return submit(order, null);
    }

    /**
     * @param intakeNanos {@link System#nanoTime()} when the intake received the intent; null when unknown (no
     *                    overhead is measured then)
     * @throws OrderSendFailed after recording the order's state, when the failure is KIS's (for the breaker)
     */
    public OrderRecord submit(OrderRecord order, Long intakeNanos) {
        Instant now = clock.instant();
        Duration remaining = Duration.between(now, order.createdAt().plus(order.timeToLive()));
        if (remaining.isNegative() || remaining.isZero()) {
            return expire(order, "time-to-live of " + order.timeToLive().toMillis() + " ms passed before sending");
        }
        Transition submitted = store.transitionFrom(order, OrderEventType.SUBMIT,
                OrderChange.because("sending order-cash").detail("ttlRemainingMs", remaining.toMillis()));
        if (!submitted.legal()) {
            LOG.warn("order not sent: it is no longer INTENT_CREATED order={} state={}", order.orderId(), submitted.to());
            return submitted.order();
        }
        KisAccount account = accounts.apply(order.account());
        SendObserver observer = overheadFrom(intakeNanos);
        try {
            return sendAndRecord(order, account, remaining, observer);
        } catch (OrderStoreException e) {
            // the request left (or may have): the caller must not be told that nothing was sent
            throw new OutcomeNotRecorded(order, "order-cash", e);
        }
    }

    private OrderRecord sendAndRecord(OrderRecord order, KisAccount account, Duration remaining, SendObserver observer) {
        OrderAck ack;
        try {
            ack = placeWithinTimeToLive(order, account, remaining, observer);
        } catch (KisException e) {
            return onKisFailure(order, e);
        } catch (RuntimeException e) {
            // not a classified KIS answer: the request may have left, so the outcome is unknown
            throw recordFailure(order, new UnclassifiedFailure(e));
        }
        Transition acked = store.transition(order.orderId(), OrderEventType.ACK,
                OrderChange.because("order-cash accepted").brokerOrder(ack.orderNo(), ack.orgNo(),
                        ack.acceptedAt().toInstant()).detail("msgCd", ack.msgCd()));
        LOG.info("order acked order={} account={} odno={} state={}", order.orderId(), order.account(),
                ack.orderNo(), acked.to());
        return acked.order();
    }

    /**
     * EGW00201 means KIS's gateway turned the request away before anything happened (another client of the app
     * key, or jitter, filled its window): the order is sent again in a later slot while its time-to-live lasts,
     * rather than reported as rejected. Any other answer ends the attempts.
     */
    private OrderAck placeWithinTimeToLive(OrderRecord order, KisAccount account, Duration remaining,
                                           SendObserver observer) {
        for (int attempt = 1; ; attempt++) {
            try {
                return trading.placeCashOrder(account, KisOrderFields.cashOrder(order),
                        CallTerms.order().withTimeToLive(remaining).observedBy(observer));
            } catch (KisRateLimited e) {
                remaining = Duration.between(clock.instant(), order.createdAt().plus(order.timeToLive()));
                if (!e.safeToResend() || attempt >= MAX_RATE_LIMITED_ATTEMPTS || remaining.toMillis() < 1) {
                    throw e;
                }
                LOG.info("order refused by the KIS rate limit, sending again order={} attempt={} ttlRemainingMs={}",
                        order.orderId(), attempt + 1, remaining.toMillis());
            }
        }
    }

    /** The first request that leaves counts (a token retry sends a second one, later, for the same order). */
    private SendObserver overheadFrom(Long intakeNanos) {
        if (intakeNanos == null) {
            return SendObserver.NONE;
        }
        AtomicBoolean measured = new AtomicBoolean();
        return (sendingAtNanos, waitedForSlotNanos) -> {
            if (measured.compareAndSet(false, true)) {
                gatewayOverheadNanos.accept(Math.max(0, sendingAtNanos - intakeNanos - waitedForSlotNanos));
            }
        };
    }

    private OrderRecord onKisFailure(OrderRecord order, KisException failure) {
        if (failure instanceof KisBusinessReject e) {
            LOG.info("order rejected order={} msgCd={} msg={}", order.orderId(), e.msgCd(), e.msg1());
            return store.transition(order.orderId(), OrderEventType.REJECT,
                    OrderChange.because("KIS refused the order").rejection(e.msgCd(), e.msg1())).order();
        }
        if (failure instanceof KisBudgetExpired e) {
            return expireSubmitted(order, e);
        }
        if (failure instanceof KisInvalidRequest e) {
            // our request, not KIS, is at fault: not sent, and no reason to trip the breaker
            return store.transition(order.orderId(), OrderEventType.DENY,
                    OrderChange.because("not sent: " + e.getMessage()).rejection("INVALID_REQUEST", e.getMessage())).order();
        }
        throw recordFailure(order, failure);
    }

    private OrderSendFailed recordFailure(OrderRecord order, RuntimeException e) {
        String code = e instanceof KisException k ? KisOrderFields.code(k) : e.getClass().getSimpleName();
        SendOutcome outcome = e instanceof KisException k ? k.sendOutcome() : SendOutcome.UNKNOWN;
        Transition t;
        if (outcome == SendOutcome.NOT_SENT) {
            t = store.transition(order.orderId(), OrderEventType.DENY,
                    OrderChange.because("not sent: " + e.getMessage()).rejection(code, e.getMessage()));
        } else if (outcome == SendOutcome.REFUSED) {
            t = store.transition(order.orderId(), OrderEventType.REJECT,
                    OrderChange.because("refused at the KIS gateway: " + e.getMessage()).rejection(code, e.getMessage()));
        } else {
            t = store.transition(order.orderId(), OrderEventType.AMBIGUOUS,
                    OrderChange.because("outcome unknown, reconciliation will settle it: " + e.getMessage())
                            .detail("errorType", e.getClass().getSimpleName()));
        }
        LOG.warn("order send failed order={} outcome={} state={} reason={}", order.orderId(), outcome, t.to(),
                e.getMessage());
        return new OrderSendFailed(t.order(), "order " + order.orderId() + " " + t.to() + ": " + e.getMessage(), e);
    }

    /** A failure of the KIS call that the adapter did not classify: treated as an unknown outcome. */
    private static final class UnclassifiedFailure extends RuntimeException {
        UnclassifiedFailure(RuntimeException cause) {
            super("unclassified failure of the KIS call: " + cause, cause);
        }
    }

    /** The breaker is open: refuse at once, with the reason; an order is never queued for later. */
    public OrderRecord refuseWhileBreakerOpen(OrderRecord order) {
        OrderRecord current = store.byId(order.orderId()).orElse(order);
        if (current.state() != OrderState.INTENT_CREATED) {
            return current;
        }
        LOG.warn("order refused: KIS circuit breaker open order={}", order.orderId());
        return store.transition(order.orderId(), OrderEventType.DENY, OrderChange.because(
                "KIS order circuit breaker is open: recent sends failed; not queued, resubmit later")
                .rejection("CIRCUIT_OPEN", "KIS order circuit breaker is open")).order();
    }

    /**
     * After the breaker's fallback: short-circuited means the breaker is open and nothing was tried; an
     * {@link OrderSendFailed} was recorded already; anything else (the database failing mid-way, say) is not
     * the breaker's business and goes back to the intake that owns the message.
     */
    public OrderRecord afterFallback(OrderRecord order, Boolean shortCircuited, Throwable failure) {
        if (Boolean.TRUE.equals(shortCircuited)) {
            return refuseWhileBreakerOpen(order);
        }
        if (failure instanceof OrderSendFailed sent) {
            return sent.order();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException("order send failed: " + (failure == null ? "unknown" : failure.getMessage()), failure);
    }

    private OrderRecord expire(OrderRecord order, String why) {
        LOG.info("order expired before sending order={} reason={}", order.orderId(), why);
        return store.transition(order.orderId(), OrderEventType.EXPIRE,
                OrderChange.because(why).rejection("STALE_ORDER", why)).order();
    }

    private OrderRecord expireSubmitted(OrderRecord order, KisBudgetExpired e) {
        String why = "no send slot within the time-to-live: " + e.getMessage();
        LOG.info("order expired waiting for the rate budget order={} reason={}", order.orderId(), e.getMessage());
        return store.transition(order.orderId(), OrderEventType.EXPIRE,
                OrderChange.because(why).rejection("STALE_ORDER", why)).order();
    }
}
