package kisgateway.order.parent;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The market's cumulative volume of each symbol today, as the trade stream last printed it (ACML_VOL): what a POV
 * parent measures its share against. A figure that goes backwards is a new day's count and replaces the old one.
 */
public final class CumulativeVolumes {

    private final ConcurrentHashMap<String, Long> bySymbol = new ConcurrentHashMap<>();

    public void observe(String symbol, long cumulative) {
        if (cumulative < 0) {
            return;
        }
        bySymbol.merge(symbol, cumulative, (old, now) -> now < old / 2 ? now : Math.max(old, now));
    }

    public OptionalLong of(String symbol) {
        Long v = bySymbol.get(symbol);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
