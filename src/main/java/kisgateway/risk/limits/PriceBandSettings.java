package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.Map;
import kisgateway.risk.RiskProperties;

/**
 * The fat-finger band from {@code risk.price-band.*}.
 *
 * @param maxDeviationPercent                largest distance of a limit price from the last price, in percent
 * @param allowLimitOrdersWithoutLastPrice   whether a limit order may pass unchecked when no last price is known
 */
public record PriceBandSettings(BigDecimal maxDeviationPercent, boolean allowLimitOrdersWithoutLastPrice) {

    public static final BigDecimal DEFAULT_MAX_DEVIATION_PERCENT = new BigDecimal("5");

    public static PriceBandSettings fromProperties(Map<String, String> properties) {
        return from(new RiskProperties(properties));
    }

    public static PriceBandSettings from(RiskProperties p) {
        return new PriceBandSettings(
                p.positiveDecimal("risk.price-band.max-deviation-percent", DEFAULT_MAX_DEVIATION_PERCENT),
                p.bool("risk.price-band.allow-limit-orders-without-last-price", false));
    }
}
