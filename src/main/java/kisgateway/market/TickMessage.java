package kisgateway.market;

/**
 * One trade as a strategy receives it on {@code kis.market.ticks} (docs/asyncapi.yaml): the body's JSON and the
 * properties a selector reads ({@code symbol = '005930'}). Getters, for the route's expressions.
 */
public final class TickMessage {

    private final String symbol;
    private final long price;
    private final long quantity;
    private final String time;
    private final String exchange;
    private final String json;

    TickMessage(String symbol, long price, long quantity, String time, String exchange, String json) {
        this.symbol = symbol;
        this.price = price;
        this.quantity = quantity;
        this.time = time;
        this.exchange = exchange;
        this.json = json;
    }

    public String getSymbol() {
        return symbol;
    }

    public long getPrice() {
        return price;
    }

    /** The trade's shares; -1 when KIS sent none readable. */
    public long getQuantity() {
        return quantity;
    }

    /** ISO-8601 with the KST offset, e.g. 2026-12-07T09:33:54+09:00. */
    public String getTime() {
        return time;
    }

    public String getExchange() {
        return exchange;
    }

    public String getJson() {
        return json;
    }
}
