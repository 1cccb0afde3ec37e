package kisgateway.risk;

import java.math.BigDecimal;
import java.time.Instant;

/** Short ways to write the orders tests need: account "acct1", strategy "alpha", KRX unless said. */
public final class Orders {

    public static final String ACCOUNT = "acct1";
    public static final String STRATEGY = "alpha";
    public static final String SYMBOL = "005930";
    private static final Instant REQUESTED = Instant.parse("2026-03-03T00:00:00Z");
    private static int seq;

    private Orders() {
    }

    public static RiskOrder limit(Side side, long quantity, String price) {
        return order(side, quantity, price, "00", Exchange.KRX);
    }

    public static RiskOrder market(Side side, long quantity) {
        return order(side, quantity, null, "01", Exchange.KRX);
    }

    public static RiskOrder order(Side side, long quantity, String price, String orderType, Exchange exchange) {
        return RiskOrder.newOrder("ord-" + (++seq), ACCOUNT, STRATEGY, SYMBOL, side, quantity,
                price == null ? null : new BigDecimal(price), orderType, exchange, REQUESTED);
    }

    public static WorkingOrder working(String ref, Side side, long remaining, String price) {
        return new WorkingOrder(ref, SYMBOL, side, price == null ? null : new BigDecimal(price), remaining);
    }

    public static RiskOrder cancel(WorkingOrder original) {
        return RiskOrder.cancel("cxl-" + (++seq), ACCOUNT, STRATEGY, original, Exchange.KRX, REQUESTED);
    }

    public static RiskOrder replace(WorkingOrder original, long quantity, String price) {
        return RiskOrder.replace("rpl-" + (++seq), ACCOUNT, STRATEGY, original, quantity,
                price == null ? null : new BigDecimal(price), "00", Exchange.KRX, REQUESTED);
    }
}
