package kisgateway.sim.market;

import java.util.SplittableRandom;

/**
 * A seeded random walk in quotation units for one symbol: step i always draws the same move, volume and touch
 * for the same seed, whatever happened in between, so a run is reproducible. Moves lean back towards the base
 * price once it drifts more than 5 % away, and never leave the daily band.
 */
public final class PricePath {

    /** One step's draw: where the price goes and how much trades there. */
    public record Step(long price, long qty, boolean buyAggressor, long askQty, long bidQty) {
    }

    private final Instrument instrument;
    private final SplittableRandom random;

    public PricePath(Instrument instrument, long seed) {
        this.instrument = instrument;
        this.random = new SplittableRandom(seed ^ ((long) instrument.code().hashCode() * 0x9E3779B97F4A7C15L));
    }

    public Step next(long current) {
        int roll = random.nextInt(100);
        int ticks = roll < 10 ? -2 : roll < 35 ? -1 : roll < 65 ? 0 : roll < 90 ? 1 : 2;
        long base = instrument.previousClose();
        if (current > base + base / 20 && ticks > 0) {
            ticks = -ticks;
        } else if (current < base - base / 20 && ticks < 0) {
            ticks = -ticks;
        }
        long price = instrument.band().clamp(TickSize.step(current, ticks));
        long qty = 1 + random.nextInt(300);
        boolean buy = ticks > 0 || (ticks == 0 && random.nextBoolean());
        long ask = 100 + random.nextInt(2_900);
        long bid = 100 + random.nextInt(2_900);
        return new Step(price, qty, buy, ask, bid);
    }
}
