package kisgateway.sim.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares of one symbol in one account. Guarded by the matching engine's lock. */
final class Holding {
    final String symbol;
    long qty;
    /** Purchase average price (pchs_avg_pric), kept to 4 decimals like KIS shows it. */
    BigDecimal averagePrice = BigDecimal.ZERO;
    long reservedForSell;
    long previousDayQty;
    long todayBuyQty;
    long todaySellQty;

    Holding(String symbol) {
        this.symbol = symbol;
    }

    long sellable() {
        return Math.max(0, qty - reservedForSell);
    }

    void buy(long fillQty, long fillPrice) {
        BigDecimal cost = averagePrice.multiply(BigDecimal.valueOf(qty)).add(BigDecimal.valueOf(fillQty * fillPrice));
        qty += fillQty;
        averagePrice = cost.divide(BigDecimal.valueOf(qty), 4, RoundingMode.HALF_UP);
        todayBuyQty += fillQty;
    }

    void sell(long fillQty) {
        qty -= fillQty;
        reservedForSell -= fillQty;
        todaySellQty += fillQty;
    }

    /** Purchase amount of what is held: qty × average, whole KRW. */
    long purchaseAmount() {
        return averagePrice.multiply(BigDecimal.valueOf(qty)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Sold-out positions stay listed with 0 shares on a day they traded (KIS shows them until D+2). */
    boolean listed() {
        return qty > 0 || todayBuyQty > 0 || todaySellQty > 0;
    }

    HoldingView view(long currentPrice) {
        return new HoldingView(symbol, qty, sellable(), averagePrice, purchaseAmount(), previousDayQty, todayBuyQty,
                todaySellQty, currentPrice);
    }
}
