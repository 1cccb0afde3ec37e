package kisgateway.sim.trading;

import java.math.BigDecimal;

/** A read-only copy of a position, with the current price for valuation. */
public record HoldingView(String symbol, long qty, long sellableQty, BigDecimal averagePrice, long purchaseAmount,
                          long previousDayQty, long todayBuyQty, long todaySellQty, long currentPrice) {

    public long evaluationAmount() {
        return qty * currentPrice;
    }

    public long profitLoss() {
        return evaluationAmount() - purchaseAmount;
    }
}
