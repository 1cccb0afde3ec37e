package kisgateway.kis.rest;

import java.math.BigDecimal;

/**
 * One holding of inquire-balance {@code output1[]}. A position sold out today stays listed with quantity 0 until
 * D+2 ([OTA] inquire_balance.py).
 */
public record Position(String symbol, String name, long quantity, long orderableQuantity, BigDecimal averagePrice,
                       BigDecimal purchaseAmount, BigDecimal currentPrice, BigDecimal evaluationAmount,
                       BigDecimal profitLoss) {
}
