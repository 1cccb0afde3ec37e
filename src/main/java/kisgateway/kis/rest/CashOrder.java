package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.util.Objects;

import kisgateway.kis.OrderExchange;
import kisgateway.kis.OrderSide;

/**
 * A new cash order (order-cash).
 *
 * @param symbol         PDNO: 6-digit code (7 for ETN)
 * @param price          ORD_UNPR in won; zero for divisions that take no price
 * @param sellType       SLL_TYPE, sells only; null leaves KIS's default (normal)
 * @param conditionPrice CNDT_PRIC, required for STOP_LIMIT only; else null
 * @param exchange       EXCG_ID_DVSN_CD; null leaves KIS's default (KRX)
 */
public record CashOrder(OrderSide side, String symbol, OrderDivision division, long quantity, BigDecimal price,
                        SellType sellType, BigDecimal conditionPrice, OrderExchange exchange) {

    public CashOrder {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(division, "division");
        Objects.requireNonNull(price, "price");
        if (sellType != null && side != OrderSide.SELL) {
            throw new IllegalArgumentException("SLL_TYPE applies to sell orders only");
        }
    }

    public static CashOrder limit(OrderSide side, String symbol, long quantity, BigDecimal price) {
        return new CashOrder(side, symbol, OrderDivision.LIMIT, quantity, price, null, null, null);
    }

    public static CashOrder market(OrderSide side, String symbol, long quantity) {
        return new CashOrder(side, symbol, OrderDivision.MARKET, quantity, BigDecimal.ZERO, null, null, null);
    }

    public CashOrder on(OrderExchange venue) {
        return new CashOrder(side, symbol, division, quantity, price, sellType, conditionPrice, venue);
    }
}
