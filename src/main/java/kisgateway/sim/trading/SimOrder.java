package kisgateway.sim.trading;

import java.time.ZonedDateTime;

import kisgateway.sim.market.Instrument;

/** One order record and its running quantities. Guarded by the matching engine's lock. */
final class SimOrder {
    final String odno;
    final String origOdno;
    final OrderAction action;
    final String cano;
    final Instrument instrument;
    final Side side;
    final OrderKind kind;
    final long qty;
    final long price;
    final long stopPrice;
    final String exchange;
    final OrderSource source;
    final ZonedDateTime orderedAt;
    /** Buying power held per unfilled share (buys only). */
    final long reservePrice;
    /** The price it rests at once it waits (limit, or one tick off for ORD_DVSN 04). */
    long workingPrice;
    boolean stopTriggered;
    long filledQty;
    long filledAmount;
    long canceledQty;
    long revisedAwayQty;
    long rejectedQty;

    SimOrder(String odno, String origOdno, OrderAction action, String cano, Instrument instrument, Side side,
             OrderKind kind, long qty, long price, long stopPrice, String exchange, OrderSource source,
             ZonedDateTime orderedAt, long reservePrice) {
        this.odno = odno;
        this.origOdno = origOdno;
        this.action = action;
        this.cano = cano;
        this.instrument = instrument;
        this.side = side;
        this.kind = kind;
        this.qty = qty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.exchange = exchange;
        this.source = source;
        this.orderedAt = orderedAt;
        this.reservePrice = reservePrice;
        this.workingPrice = price;
    }

    long remaining() {
        if (action == OrderAction.CANCEL) {
            return 0;
        }
        return qty - filledQty - canceledQty - revisedAwayQty - rejectedQty;
    }

    boolean isActive() {
        return remaining() > 0 && (!kind.isStop() || stopTriggered);
    }

    OrderState state() {
        if (action == OrderAction.CANCEL) {
            return OrderState.CONFIRMED;
        }
        if (rejectedQty == qty) {
            return OrderState.REJECTED;
        }
        if (remaining() > 0) {
            return filledQty > 0 ? OrderState.PARTIALLY_FILLED : OrderState.OPEN;
        }
        if (filledQty == qty) {
            return OrderState.FILLED;
        }
        return canceledQty > 0 || revisedAwayQty == 0 ? OrderState.CANCELED : OrderState.REPLACED;
    }

    OrderView view() {
        return new OrderView(odno, origOdno, action, cano, instrument.code(), instrument.name(), side, kind, qty, price,
                stopPrice, exchange, source, orderedAt, filledQty, filledAmount, remaining(),
                action == OrderAction.CANCEL ? qty : canceledQty, revisedAwayQty, rejectedQty, state());
    }
}
