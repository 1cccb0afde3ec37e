package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.time.LocalTime;

import kisgateway.kis.OrderSide;

/**
 * One open order of inquire-psbl-rvsecncl {@code output[]}; fully filled or cancelled orders are not listed.
 *
 * @param branch           ord_gno_brno
 * @param revisableQuantity psbl_qty: what may still be revised or cancelled
 */
public record RevisableOrder(String branch, String orderNo, String originalOrderNo, OrderSide side, String symbol,
                             String name, String orderDivisionCode, long orderQuantity, BigDecimal orderPrice,
                             LocalTime orderTime, long filledQuantity, BigDecimal filledAmount, long revisableQuantity,
                             String exchange) {
}
