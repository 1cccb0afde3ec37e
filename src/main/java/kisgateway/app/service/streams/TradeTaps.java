package kisgateway.app.service.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import kisgateway.kis.ws.TradePrint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each batch of trades to every tap in turn (the participation review's volumes, the strategies' ticks, the
 * parent orders' volumes): a tap that fails is logged and the taps after it still get the batch, which a chain of
 * {@code andThen} would skip.
 */
public final class TradeTaps implements Consumer<List<TradePrint>> {

    private static final Logger LOG = LoggerFactory.getLogger(TradeTaps.class);

    private final Map<String, Consumer<List<TradePrint>>> taps;

    /** @param taps by a name for the log, called in this order */
    public TradeTaps(Map<String, Consumer<List<TradePrint>>> taps) {
        this.taps = new LinkedHashMap<>(taps);
    }

    @Override
    public void accept(List<TradePrint> prints) {
        taps.forEach((name, tap) -> {
            try {
                tap.accept(prints);
            } catch (RuntimeException e) {
                LOG.warn("event=trade_tap_failed tap={} prints={} reason=\"{}\"", name, prints.size(), e.toString());
            }
        });
    }
}
