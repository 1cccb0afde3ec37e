package kisgateway.sim.market;

/**
 * KRX quotation units (호가단위) for stocks, one table for KOSPI and KOSDAQ since 2023-01-25:
 * under 2,000 → 1; under 5,000 → 5; under 20,000 → 10; under 50,000 → 50; under 200,000 → 100;
 * under 500,000 → 500; otherwise 1,000 KRW.
 */
public final class TickSize {
    private static final long[] UPPER_BOUNDS = {2_000, 5_000, 20_000, 50_000, 200_000, 500_000};
    private static final long[] TICKS = {1, 5, 10, 50, 100, 500};

    private TickSize() {
    }

    public static long at(long price) {
        for (int i = 0; i < UPPER_BOUNDS.length; i++) {
            if (price < UPPER_BOUNDS[i]) {
                return TICKS[i];
            }
        }
        return 1_000;
    }

    public static boolean isOnTick(long price) {
        return price > 0 && price % at(price) == 0;
    }

    public static long floorToTick(long price) {
        return price - price % at(price);
    }

    public static long ceilToTick(long price) {
        long tick = at(price);
        long rest = price % tick;
        return rest == 0 ? price : price + tick - rest;
    }

    /** The price {@code ticks} quotation steps above (or below, if negative) {@code price}. */
    public static long step(long price, int ticks) {
        long p = price;
        for (int i = 0; i < Math.abs(ticks); i++) {
            p = ticks > 0 ? p + at(p) : p - at(p - 1);
        }
        return p;
    }
}
