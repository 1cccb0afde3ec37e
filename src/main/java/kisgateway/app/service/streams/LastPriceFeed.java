package kisgateway.app.service.streams;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.RealtimeListener;
import kisgateway.kis.ws.TradePrint;
import kisgateway.kis.ws.TradePrintDecoder;
import kisgateway.order.MarketPrices;

/**
 * One session's trade stream into the last prices: a confirmed H0STCNT0 registration makes the symbol streamed,
 * each trade is a price, and a socket that drops, goes silent or is closed takes every symbol it confirmed out of
 * the stream again (until the re-subscription after the reconnect is confirmed).
 */
final class LastPriceFeed implements RealtimeListener {

    private final MarketPrices prices;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final java.util.function.Consumer<List<TradePrint>> tap;

    /** @param tap handed each batch after the prices; its failure is logged and never stops the prices */
    LastPriceFeed(MarketPrices prices, java.util.function.Consumer<List<TradePrint>> tap) {
        this.prices = prices;
        this.tap = tap;
    }

    @Override
    public void onNotices(List<ExecutionNotice> notices, String rawFrame) {
        // the fill route's
    }

    @Override
    public void onTrades(List<TradePrint> prints) {
        for (TradePrint print : prints) {
            if (print.trade()) {
                prices.observe(print.symbol(), BigDecimal.valueOf(print.price()));
            }
        }
        try {
            tap.accept(prints);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LastPriceFeed.class).warn("trade prints not counted by their tap: {}",
                    e.toString());
        }
    }

    @Override
    public void onSubscribed(String trId, String trKey) {
        if (TradePrintDecoder.isTradeTr(trId)) {
            confirmed.add(trKey);
            prices.streaming(trKey);
        }
    }

    @Override
    public void onDisconnected(String reason) {
        lost();
    }

    @Override
    public void onStale(Duration silentFor) {
        lost();
    }

    /** The session is closed for good (or gone silent): none of its symbols streams any more. */
    void lost() {
        List<String> symbols = List.copyOf(confirmed);
        confirmed.removeAll(symbols);
        prices.streamLost(symbols);
    }
}
