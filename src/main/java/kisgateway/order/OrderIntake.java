package kisgateway.order;

import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent entry of a new order: creates it under its client order id, or finds the one that id already
 * made. A redelivered or retried intent therefore never makes a second order; what happens next depends on
 * where the first attempt got to:
 * <ul>
 *   <li>INTENT_CREATED: the first attempt stopped before sending (a crash, a failure): carry on with it;</li>
 *   <li>SUBMITTED: the first attempt stopped while sending: its outcome is unknown, so RECONCILE_REQUIRED,
 *       never a resend;</li>
 *   <li>anything else: the first attempt finished; the duplicate changes nothing.</li>
 * </ul>
 */
public final class OrderIntake {

    private static final Logger LOG = LoggerFactory.getLogger(OrderIntake.class);

    private final JdbcOrderStore store;
    private final BiPredicate<String, String> inShadow;

    public OrderIntake(JdbcOrderStore store) {
        this(store, (account, strategy) -> false);
    }

    /**
     * @param inShadow whether an order of this account and strategy is taken in the SHADOW rollout phase now: such
     *                 an order is created as a shadow one, and stays one whatever the phase does later
     */
    public OrderIntake(JdbcOrderStore store, BiPredicate<String, String> inShadow) {
        this.store = store;
        this.inShadow = inShadow;
    }

    public IntakeDecision accept(OrderIntent intent) {
        JdbcOrderStore.CreateResult result = store.create(intent, inShadow.test(intent.account(), intent.strategyId()));
        OrderRecord order = result.order();
        if (result.created()) {
            LOG.info("order created order={} client={} account={} strategy={} {} {} {} type={} price={} shadow={}",
                    order.orderId(), intent.clientOrderId(), intent.account(), intent.strategyId(), intent.side(),
                    intent.quantity(), intent.symbol(), intent.orderType().code(), intent.price(), order.shadow());
            return new IntakeDecision(order, true, false, result.book());
        }
        boolean conflicting = !sameOrder(order, intent);
        if (conflicting) {
            LOG.warn("client order id reused with different content client={} order={}", intent.clientOrderId(),
                    order.orderId());
        }
        return switch (order.state()) {
            case INTENT_CREATED -> {
                LOG.info("resuming order that was not sent yet order={} client={}", order.orderId(), intent.clientOrderId());
                yield new IntakeDecision(order, !conflicting, conflicting);
            }
            case SUBMITTED -> {
                Transition t = store.transition(order.orderId(), OrderEventType.AMBIGUOUS, OrderChange.because(
                        "intent delivered again while its send had no recorded outcome; not resent"));
                LOG.warn("duplicate intent found the order mid-send order={} state={}", order.orderId(), t.to());
                yield new IntakeDecision(t.order(), false, conflicting);
            }
            default -> {
                LOG.info("duplicate intent ignored order={} client={} state={}", order.orderId(), intent.clientOrderId(),
                        order.state());
                yield new IntakeDecision(order, false, conflicting);
            }
        };
    }

    private static boolean sameOrder(OrderRecord order, OrderIntent intent) {
        return order.account().equals(intent.account()) && order.symbol().equals(intent.symbol())
                && order.side() == intent.side() && order.orderType() == intent.orderType()
                && order.exchange() == intent.exchange()
                && (order.price() == null ? intent.price() == null
                        : intent.price() != null && order.price().compareTo(intent.price()) == 0)
                && (order.filledQuantity() > 0 || order.state() != OrderState.INTENT_CREATED
                        || order.quantity() == intent.quantity());
    }

    /**
     * @param proceed     the order should go on to the risk gate and KIS
     * @param conflicting the client order id was reused for a different order (answered 409 over REST)
     * @param book        the account's book read with the create, for the order's screening; null when the order
     *                    was found, not created (its screening reads the book then)
     */
    public record IntakeDecision(OrderRecord order, boolean proceed, boolean conflicting, ScreeningBook book) {

        IntakeDecision(OrderRecord order, boolean proceed, boolean conflicting) {
            this(order, proceed, conflicting, null);
        }
    }
}
