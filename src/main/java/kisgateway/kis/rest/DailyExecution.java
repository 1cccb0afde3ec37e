package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import kisgateway.kis.OrderSide;

/**
 * One order of inquire-daily-ccld {@code output1[]} with its cumulative fills.
 *
 * @param branch            ord_gno_brno (the KRX_FWDG_ORD_ORGNO to revise/cancel with)
 * @param originalOrderNo   orgn_odno, "" for a new order
 * @param orderedAt         ord_dt + ord_tmd, KST
 * @param averageFillPrice  avg_prvs
 * @param cancelled         cncl_yn = Y
 * @param exchange          excg_id_dvsn_cd, "" when KIS omits it
 */
public record DailyExecution(LocalDate orderDate, String branch, String orderNo, String originalOrderNo, OrderSide side,
                             String symbol, String name, String orderDivisionCode, long orderQuantity,
                             BigDecimal orderPrice, ZonedDateTime orderedAt, long filledQuantity,
                             BigDecimal averageFillPrice, BigDecimal filledAmount, long remainingQuantity,
                             long rejectedQuantity, boolean cancelled, String exchange) {
}
