package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * inquire-psbl-order parameters. Spec advice: ORD_DVSN 01 (market) gives the quantity with the margin rate applied.
 */
public record BuyingPowerQuery(String symbol, BigDecimal price, OrderDivision division) {

    public BuyingPowerQuery {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(division, "division");
    }
}
