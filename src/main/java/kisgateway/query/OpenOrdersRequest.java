package kisgateway.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import kisgateway.order.OrderState;

/**
 * A page of an account's open orders: optionally of one strategy, one symbol, one state, at most {@code limit}
 * orders after a cursor. Built from what a caller sent, taken as sent (no trimming): a value out of range is refused
 * with the reason, never clamped silently.
 *
 * @param strategyId null for every strategy's (only for a caller that may see them)
 * @param symbol     null for every symbol
 * @param states     the open states asked for (all of them when the caller named none)
 * @param after      null for the first page
 */
public record OpenOrdersRequest(String account, String strategyId, String symbol, Set<OrderState> states, int limit,
                                OrderCursor after) {

    /** The states of an order that is, or may soon be, at KIS with shares still open. */
    public static final Set<OrderState> OPEN = Set.copyOf(EnumSet.of(OrderState.INTENT_CREATED, OrderState.SUBMITTED,
            OrderState.ACKED, OrderState.PARTIAL_FILLED, OrderState.CANCEL_PENDING, OrderState.REPLACE_PENDING,
            OrderState.RECONCILE_REQUIRED));

    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6,12}");
    private static final Pattern STRATEGY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public OpenOrdersRequest {
        states = Set.copyOf(states);
    }

    /**
     * @param limit    the caller's text, null for {@code defaultLimit}
     * @param maxLimit the largest page the gateway answers
     * @throws IllegalArgumentException naming the parameter and why
     */
    public static OpenOrdersRequest parse(String account, String strategyId, String symbol, String state, String limit,
                                          String after, int defaultLimit, int maxLimit) {
        String strategy = blankToNull(strategyId);
        if (strategy != null && !STRATEGY.matcher(strategy).matches()) {
            throw new IllegalArgumentException("strategy must be a strategy id (letters, digits, _ . -; at most 64)");
        }
        String sym = blankToNull(symbol);
        if (sym != null && !SYMBOL.matcher(sym).matches()) {
            throw new IllegalArgumentException("symbol must be a KRX code of 6 to 12 capital letters or digits");
        }
        return new OpenOrdersRequest(account, strategy, sym, states(state), limit(limit, defaultLimit, maxLimit),
                Optional.ofNullable(blankToNull(after)).map(OrderCursor::decode).orElse(null));
    }

    private static Set<OrderState> states(String state) {
        String s = blankToNull(state);
        if (s == null) {
            return OPEN;
        }
        OrderState parsed;
        try {
            parsed = OrderState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || !OPEN.contains(parsed)) {
            throw new IllegalArgumentException("state must be one of the open states " + new java.util.TreeSet<>(OPEN)
                    + " (a finished order is read by its id: GET /api/orders/{id})");
        }
        return Set.of(parsed);
    }

    private static int limit(String limit, int defaultLimit, int maxLimit) {
        String l = blankToNull(limit);
        if (l == null) {
            return defaultLimit;
        }
        int n;
        try {
            n = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + maxLimit);
        }
        if (n < 1 || n > maxLimit) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + maxLimit);
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
