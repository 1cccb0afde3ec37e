package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The limits that apply to one account. All amounts in KRW, quantities in shares; a value exactly at a limit is
 * allowed, one unit above is denied.
 *
 * @param maxOrderValue       largest value of one order (quantity x limit price, or x last price for market-type)
 * @param maxOrderQuantity    largest quantity of one order
 * @param maxPositionQuantity largest holding in one symbol if every working buy and this order filled completely
 * @param maxGrossExposure    largest gross exposure of the account after this buy (see RiskInputs.grossExposure)
 * @param dailyLossCap        once today's loss exceeds this, only risk-reducing orders pass
 */
public record AccountLimits(BigDecimal maxOrderValue, long maxOrderQuantity, long maxPositionQuantity,
                            BigDecimal maxGrossExposure, BigDecimal dailyLossCap) {

    public AccountLimits {
        Objects.requireNonNull(maxOrderValue, "maxOrderValue");
        Objects.requireNonNull(maxGrossExposure, "maxGrossExposure");
        Objects.requireNonNull(dailyLossCap, "dailyLossCap");
    }
}
