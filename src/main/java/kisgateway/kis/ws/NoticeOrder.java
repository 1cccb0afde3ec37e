package kisgateway.kis.ws;

import java.math.BigDecimal;
import java.time.ZonedDateTime;

import kisgateway.kis.AccountNumber;
import kisgateway.kis.OrderSide;

/**
 * What every execution notice (H0STCNI0/H0STCNI9) says about its order.
 *
 * @param cano            first 8 digits of ACNT_NO (masked in toString)
 * @param productCode     last 2 digits of ACNT_NO
 * @param orderNo         ODER_NO as sent (zero-padded)
 * @param originalOrderNo OODER_NO, "" for a new order
 * @param orderKind       ODER_KIND, an ORD_DVSN code ("00" limit…)
 * @param orderCondition  ODER_COND: 0 none, 1 IOC, 2 FOK
 * @param occurredAt      STCK_CNTG_HOUR (HHMMSS) on the trading date, KST
 * @param branch          BRNC_NO (5 digits), the KRX_FWDG_ORD_ORGNO of the order
 * @param orderQuantity   ODER_QTY
 * @param orderPrice      ODER_PRC, the last field of either layout; zero when blank (market orders)
 * @param fieldCount      26 (current layout) or 23 (before ~2025-03)
 */
public record NoticeOrder(AccountNumber cano, String productCode, String orderNo, String originalOrderNo,
                          OrderSide side, NoticeAction action, String orderKind, String orderCondition, String symbol,
                          String symbolName, ZonedDateTime occurredAt, String branch, long orderQuantity,
                          BigDecimal orderPrice, NoticeExchange exchange, int fieldCount) {
}
