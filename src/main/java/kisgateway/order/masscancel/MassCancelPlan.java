package kisgateway.order.masscancel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import kisgateway.risk.killswitch.TradingState;

/**
 * Which resting orders a mass cancel cancels, and in what order; what it leaves, and why.
 *
 * <p>HALTED cancels every order of the scope that rests at KIS (ACKED, PARTIAL_FILLED). REDUCING cancels what the
 * gate would not let through as new under REDUCING ({@code OrderContext.riskReducing}): every buy, and the sells
 * beyond the shares held. The account's working sells (of every strategy: they share the account's shares) are
 * walked oldest first, the oldest keeping its place in the exchange's queue; a sell stays while the sells that stay
 * cover no more than the position, and a sell of the scope that would go beyond it is canceled whole.
 *
 * <p>Order of the cancels: buys first (in a cash account they are what adds exposure), then by value at risk,
 * market-type orders (no limit) before priced ones, larger remaining value first, older first among equals. With
 * one app key's budget (18 calls a second live) the first second takes the orders that matter most.
 *
 * <p>An order whose send or revision is in flight (SUBMITTED, REPLACE_PENDING) or unknown (RECONCILE_REQUIRED)
 * cannot be canceled yet: it is left IN_FLIGHT for a later sweep; one whose cancel is already under way
 * (CANCEL_PENDING) is not asked twice.
 */
public record MassCancelPlan(List<OrderRecord> toCancel, List<Left> left) {

    /** An order of the scope the run does not cancel now. */
    public record Left(OrderRecord order, MassCancelOutcome outcome, String why) {
    }

    /** Shares held, from the books. */
    @FunctionalInterface
    public interface Positions {
        long quantity(String account, String symbol);
    }

    static final Comparator<OrderRecord> URGENCY = Comparator
            .comparing((OrderRecord o) -> o.side() == Side.BUY ? 0 : 1)
            .thenComparing(o -> o.orderType().requiresPrice() ? 1 : 0)
            .thenComparing(MassCancelPlan::remainingValue, Comparator.reverseOrder())
            .thenComparing(OrderRecord::createdAt)
            .thenComparing(OrderRecord::orderId);

    /**
     * @param working   the working orders of every account the scope reaches, in and out of the scope
     * @param positions shares held per account and symbol (REDUCING only)
     */
    public static MassCancelPlan of(MassCancelRequest request, List<OrderRecord> working, Positions positions) {
        List<OrderRecord> toCancel = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        List<OrderRecord> byAge = new ArrayList<>(working);
        byAge.sort(Comparator.comparing(OrderRecord::createdAt).thenComparing(OrderRecord::orderId));
        // REDUCING: shares the sells that stay already cover, per account and symbol
        Map<String, Long> committed = new HashMap<>();
        for (OrderRecord o : byAge) {
            boolean inScope = request.covers(o.account(), o.strategyId());
            boolean reducing = request.mode() == TradingState.REDUCING;
            if (!inScope) {
                if (reducing && o.side() == Side.SELL && o.state() != OrderState.CANCEL_PENDING) {
                    committed.merge(o.account() + "/" + o.symbol(), o.remainingQuantity(), Long::sum);
                }
                continue;
            }
            if (o.state() == OrderState.CANCEL_PENDING) {
                left.add(new Left(o, MassCancelOutcome.ALREADY_CANCELING, "a cancel of the order is under way"));
                continue;
            }
            if (reducing && o.side() == Side.SELL) {
                String key = o.account() + "/" + o.symbol();
                long held = positions.quantity(o.account(), o.symbol());
                long covered = committed.getOrDefault(key, 0L);
                if (covered + o.remainingQuantity() <= held || !cancelable(o)) {
                    // a sell that stays (or may rest: its send is in flight) commits its shares either way
                    committed.put(key, covered + o.remainingQuantity());
                    if (cancelable(o)) {
                        left.add(new Left(o, MassCancelOutcome.KEPT, "sells " + o.remainingQuantity() + " of "
                                + held + " held (" + covered + " already offered): it reduces exposure"));
                        continue;
                    }
                }
            }
            if (!cancelable(o)) {
                left.add(new Left(o, MassCancelOutcome.IN_FLIGHT, "the order is " + o.state()
                        + ": canceled once it is known to rest at KIS"));
                continue;
            }
            toCancel.add(o);
        }
        toCancel.sort(URGENCY);
        return new MassCancelPlan(List.copyOf(toCancel), List.copyOf(left));
    }

    /** Rests at KIS under a number the cancel can name. */
    private static boolean cancelable(OrderRecord o) {
        return (o.state() == OrderState.ACKED || o.state() == OrderState.PARTIAL_FILLED) && o.kisOrderNo() != null;
    }

    private static BigDecimal remainingValue(OrderRecord o) {
        return o.price() == null || !o.orderType().requiresPrice() ? BigDecimal.ZERO : o.price().multiply(BigDecimal.valueOf(o.remainingQuantity()));
    }
}
