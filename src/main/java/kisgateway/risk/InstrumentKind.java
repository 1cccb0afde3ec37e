package kisgateway.risk;

/**
 * The kind of listed security, as far as the tick grid cares: KRX kept ETF/ETN/ELW on a flat 5-won tick when it
 * refined the stock tick table in January 2023.
 */
public enum InstrumentKind {
    STOCK,
    EXCHANGE_TRADED_PRODUCT
}
