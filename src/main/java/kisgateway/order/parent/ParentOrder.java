package kisgateway.order.parent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kisgateway.order.Exchange;
import kisgateway.order.OrderType;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.Side;

/**
 * A parent order as stored (the current row of {@code parent_orders}).
 *
 * @param lastSlot         the last schedule slot a child was planned for (TWAP: 1..slices, then slices + 1 for the
 *                         catch-up): one child per slot, so a refused child is not sent again in the same slot
 * @param marketVolumeBase POV: the market's cumulative volume when the parent started (null until the stream gave one)
 */
public record ParentOrder(UUID parentOrderId, String clientOrderId, String account, String strategyId, String symbol,
                          Side side, OrderType orderType, Exchange exchange, long quantity, BigDecimal price,
                          ParentAlgorithm algorithm, ParentState state, int lastSlot, Long marketVolumeBase,
                          Instant createdAt, Instant updatedAt) {

    /** This parent once a child was planned for {@code slot}. */
    public ParentOrder withLastSlot(int slot) {
        return new ParentOrder(parentOrderId, clientOrderId, account, strategyId, symbol, side, orderType, exchange,
                quantity, price, algorithm, state, slot, marketVolumeBase, createdAt, updatedAt);
    }

    /** The client order id of the child of a slice: the parent's id and the slice, the same after any restart. */
    public String childClientOrderId(int sliceNo) {
        return childClientOrderId(parentOrderId, sliceNo);
    }

    public static String childClientOrderId(UUID parentOrderId, int sliceNo) {
        return parentOrderId + "." + sliceNo;
    }
}
