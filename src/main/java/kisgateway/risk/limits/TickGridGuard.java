package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * A limit price must lie on the KRX tick grid of its price level (KRX would reject it anyway; refusing here keeps
 * the reason local and the mistake visible). NXT uses the same grid. Market-type orders have no price to check.
 */
public final class TickGridGuard implements PreTradeCheck {

    private final TickSettings settings;

    public TickGridGuard(TickSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        BigDecimal price = order.placesQuote() ? context.limitPrice() : null;
        if (price == null) {
            return Optional.empty();
        }
        TickSizeTable table = settings.tableFor(context.instrumentKind());
        if (table.onGrid(price)) {
            return Optional.empty();
        }
        BigDecimal tick = table.tickFor(price);
        BigDecimal below = price.divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
        return Optional.of(Finding.of(RiskRule.PRICE_OFF_TICK, "price", price, "tick", tick,
                "validBelow", below, "validAbove", below.add(tick)));
    }
}
