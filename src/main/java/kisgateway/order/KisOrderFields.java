package kisgateway.order;

import java.math.BigDecimal;
import kisgateway.kis.OrderExchange;
import kisgateway.kis.OrderSide;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.KisTokenRejected;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.OrderDivision;

/** The gateway's order fields in the KIS adapter's terms, and a KIS failure as a reject code and reason. */
final class KisOrderFields {

    private KisOrderFields() {
    }

    static CashOrder cashOrder(OrderRecord order) {
        return new CashOrder(side(order.side()), order.symbol(), division(order.orderType()), order.quantity(),
                order.orderType().requiresPrice() ? order.price() : BigDecimal.ZERO, null, null, exchange(order.exchange()));
    }

    static OrderSide side(Side side) {
        return side == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
    }

    static OrderDivision division(OrderType type) {
        return OrderDivision.fromCode(type.code());
    }

    static OrderExchange exchange(Exchange exchange) {
        return OrderExchange.valueOf(exchange.name());
    }

    /** A stable code for the order event: KIS's msg_cd where there is one. */
    static String code(KisException e) {
        if (e instanceof KisBusinessReject r) {
            return r.msgCd();
        }
        if (e instanceof KisRateLimited) {
            return "EGW00201";
        }
        if (e instanceof KisTokenRejected t) {
            return t.reason().code();
        }
        return e.getClass().getSimpleName();
    }
}
