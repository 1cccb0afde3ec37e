package kisgateway.kis.rest;

import java.math.BigDecimal;

/**
 * inquire-price {@code output}, the fields a pre-trade check needs.
 *
 * @param changeSign prdy_vrss_sign: 1 upper limit, 2 up, 3 flat, 4 lower limit, 5 down
 * @param halted     temp_stop_yn = Y
 */
public record QuotePrice(String symbol, BigDecimal price, BigDecimal change, String changeSign, BigDecimal changeRate,
                         long volume, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal upperLimit,
                         BigDecimal lowerLimit, boolean halted) {
}
