package kisgateway.sim.trading;

import java.time.ZonedDateTime;

import kisgateway.sim.SimAccount;

/**
 * Something that happened to an order and that KIS announces on the execution-notice stream.
 *
 * @param qty        ACCEPTED/REJECTED/EXPIRED: the quantity concerned; FILLED: the fill quantity
 * @param price      ACCEPTED/REJECTED/EXPIRED: the order price; FILLED: the fill price
 * @param orderQty   the order record's quantity (ODER_QTY)
 * @param orderPrice the order record's price (ODER_PRC), 0 for unpriced kinds
 * @param fillSeq    FILLED: {@link Fill#seq()}, else 0
 */
public record OrderEvent(Type type, SimAccount account, String odno, String origOdno, Side side, OrderAction action,
                         OrderKind kind, String symbol, String name, long qty, long price, long orderQty,
                         long orderPrice, long stopPrice, ZonedDateTime time, long fillSeq) {

    public enum Type {
        /** Order, revision or cancel booked (CNTG_YN 1, ACPT_YN 1). */
        ACCEPTED,
        /** The exchange refused the order (RFUS_YN 1). */
        REJECTED,
        /** A fill (CNTG_YN 2). */
        FILLED,
        /** The unfilled rest of an IOC/FOK order was cancelled (ACPT_YN 3). */
        EXPIRED
    }
}
