package kisgateway.sim.market;

/**
 * Today's daily price limits: base price ±30 %, the upper limit rounded down and the lower limit rounded up to
 * a quotation unit (KRX 가격제한폭).
 */
public record PriceBand(long base, long lower, long upper) {

    public static PriceBand around(long base) {
        long width = base * 30 / 100;
        return new PriceBand(base, TickSize.ceilToTick(base - width), TickSize.floorToTick(base + width));
    }

    public boolean contains(long price) {
        return price >= lower && price <= upper;
    }

    public long clamp(long price) {
        return Math.max(lower, Math.min(upper, price));
    }
}
