package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A price-banded tick table (호가가격단위): below each bound, prices move in steps of its tick. Written in
 * configuration as {@code bound:tick,...,*:tick}, bounds ascending, the last band open-ended.
 */
public final class TickSizeTable {

    private final List<BigDecimal> upperBounds;   // exclusive; null for the last band
    private final List<BigDecimal> ticks;
    private final String text;

    private TickSizeTable(List<BigDecimal> upperBounds, List<BigDecimal> ticks, String text) {
        this.upperBounds = upperBounds;
        this.ticks = ticks;
        this.text = text;
    }

    /** Parses {@code "2000:1,5000:5,*:10"}; the key is only used in error messages. */
    public static TickSizeTable parse(String key, String text) {
        List<BigDecimal> bounds = new ArrayList<>();
        List<BigDecimal> ticks = new ArrayList<>();
        String[] bands = text.split(",");
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < bands.length; i++) {
            String[] parts = bands[i].strip().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(key + " = '" + text + "': expected bound:tick,...,*:tick");
            }
            boolean last = i == bands.length - 1;
            BigDecimal bound = null;
            BigDecimal tick;
            try {
                if (!parts[0].strip().equals("*")) {
                    bound = new BigDecimal(parts[0].strip());
                }
                tick = new BigDecimal(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " = '" + text + "': not a number in " + bands[i]);
            }
            if (last != (bound == null)) {
                throw new IllegalArgumentException(key + " = '" + text + "': only the last band, and it must, have bound *");
            }
            if (tick.signum() <= 0 || (bound != null && bound.compareTo(previous) <= 0)) {
                throw new IllegalArgumentException(key + " = '" + text + "': ticks must be > 0 and bounds ascending");
            }
            bounds.add(bound);
            ticks.add(tick);
            if (bound != null) {
                previous = bound;
            }
        }
        return new TickSizeTable(bounds, List.copyOf(ticks), text);
    }

    /** The tick of the band the price falls in. */
    public BigDecimal tickFor(BigDecimal price) {
        for (int i = 0; i < ticks.size(); i++) {
            BigDecimal bound = upperBounds.get(i);
            if (bound == null || price.compareTo(bound) < 0) {
                return ticks.get(i);
            }
        }
        throw new IllegalStateException("the last band is open-ended");
    }

    /** Whether the price lies on the grid of its own band. */
    public boolean onGrid(BigDecimal price) {
        return price.remainder(tickFor(price)).signum() == 0;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TickSizeTable t && t.upperBounds.equals(upperBounds) && t.ticks.equals(ticks);
    }

    @Override
    public int hashCode() {
        return 31 * upperBounds.hashCode() + ticks.hashCode();
    }
}
