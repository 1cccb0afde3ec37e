package kisgateway.risk;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a NEW or REPLACE request is a well-formed KIS cash order at all: a known ORD_DVSN code that the venue
 * accepts, a positive quantity, a 6-character symbol, and a price exactly when the code carries one. The gate runs
 * it first and stops at its finding: the other rules assume a well-formed order. Cancels are not checked here:
 * nothing about a cancel's shape may keep an order resting.
 */
public final class OrderShapeCheck implements PreTradeCheck {

    // KRX short codes are 6 characters; since 2024 new listings may contain letters (e.g. 0001A0)
    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6}");

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        if (order.quantity() <= 0) {
            return Optional.of(Finding.of(RiskRule.QUANTITY_NOT_POSITIVE, "quantity", order.quantity()));
        }
        Optional<OrderDivision> division = OrderDivision.ofCode(order.orderType());
        if (division.isEmpty()) {
            return Optional.of(Finding.of(RiskRule.UNKNOWN_ORDER_TYPE, "orderType", order.orderType()));
        }
        if (!division.get().acceptedOn(order.exchange())) {
            return Optional.of(Finding.of(RiskRule.ORDER_TYPE_NOT_ON_EXCHANGE,
                    "orderType", order.orderType(), "exchange", order.exchange()));
        }
        if (!SYMBOL.matcher(order.symbol()).matches()) {
            return Optional.of(Finding.of(RiskRule.ORDER_MALFORMED, "reason", "symbol is not a 6-character code",
                    "symbol", order.symbol()));
        }
        if (division.get().priced()) {
            if (order.price() == null) {
                return Optional.of(Finding.of(RiskRule.ORDER_MALFORMED, "reason", "order type needs a price",
                        "orderType", order.orderType()));
            }
            if (order.price().signum() <= 0) {
                return Optional.of(Finding.of(RiskRule.ORDER_MALFORMED, "reason", "price must be > 0",
                        "price", order.price()));
            }
        } else if (order.price() != null && order.price().signum() != 0) {
            // a price on a market-type order means the sender believes it is a limit order: refuse the confusion
            return Optional.of(Finding.of(RiskRule.ORDER_MALFORMED, "reason", "order type takes no price",
                    "orderType", order.orderType(), "price", order.price()));
        }
        return Optional.empty();
    }
}
