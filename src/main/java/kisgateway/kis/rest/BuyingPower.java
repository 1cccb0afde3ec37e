package kisgateway.kis.rest;

import java.math.BigDecimal;

/**
 * inquire-psbl-order {@code output}. Accounts that must not buy on credit (미수) read the {@code noCredit…} pair.
 *
 * @param orderableCash     ord_psbl_cash
 * @param maxBuyAmount      max_buy_amt
 * @param maxBuyQuantity    max_buy_qty
 * @param noCreditBuyAmount nrcvb_buy_amt
 * @param noCreditBuyQuantity nrcvb_buy_qty
 */
public record BuyingPower(BigDecimal orderableCash, BigDecimal maxBuyAmount, long maxBuyQuantity,
                          BigDecimal noCreditBuyAmount, long noCreditBuyQuantity) {
}
