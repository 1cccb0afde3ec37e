package kisgateway.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An order as the gateway holds it: the current row of the {@code orders} table. */
public record OrderRecord(
        UUID orderId,
        String clientOrderId,
        String account,
        String strategyId,
        String symbol,
        Side side,
        OrderType orderType,
        Exchange exchange,
        long quantity,
        BigDecimal price,
        OrderState state,
        String origin,
        String kisOrderNo,
        String kisBranchNo,
        Instant kisOrderTime,
        long filledQuantity,
        BigDecimal avgFillPrice,
        String rejectCode,
        String rejectReason,
        Duration timeToLive,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean shadow) {

    /** An order that is not a SHADOW one (every order before issue 18's rollout phases). */
    public OrderRecord(UUID orderId, String clientOrderId, String account, String strategyId, String symbol, Side side,
                       OrderType orderType, Exchange exchange, long quantity, BigDecimal price, OrderState state,
                       String origin, String kisOrderNo, String kisBranchNo, Instant kisOrderTime, long filledQuantity,
                       BigDecimal avgFillPrice, String rejectCode, String rejectReason, Duration timeToLive,
                       Instant createdAt, Instant updatedAt, long version) {
        this(orderId, clientOrderId, account, strategyId, symbol, side, orderType, exchange, quantity, price, state,
                origin, kisOrderNo, kisBranchNo, kisOrderTime, filledQuantity, avgFillPrice, rejectCode, rejectReason,
                timeToLive, createdAt, updatedAt, version, false);
    }

    public long remainingQuantity() {
        return Math.max(0, quantity - filledQuantity);
    }

    @Override
    public String toString() {
        return "Order[" + orderId + " client=" + clientOrderId + " " + account + " " + side + " " + quantity + " "
                + symbol + " @" + (price == null ? orderType : price) + " " + state + " filled=" + filledQuantity
                + (kisOrderNo == null ? "" : " odno=" + kisOrderNo) + (shadow ? " shadow" : "") + "]";
    }
}
