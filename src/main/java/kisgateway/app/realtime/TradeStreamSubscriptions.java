package kisgateway.app.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.kis.ws.TradePrintDecoder;
import kisgateway.order.MarketPrices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which symbols' trades (H0STCNT0) this instance streams for the last prices, and on which session: the first
 * symbols orders ask about, up to {@code maxSymbols}, all registered on one of the live sessions (market data is
 * the same whichever app key carries it; KIS allows 41 registrations per session and the notice takes one).
 * Later symbols stay polled: a registration is never released to make room, because subscribe/release churn is
 * what gets an app key blocked (docs/architecture.md#realtime-socket). Only the instance that leads the fill route
 * holds sessions; the
 * others remember the symbols (for when they lead) and take the leader's prices from
 * {@link kisgateway.order.LastPriceSharing}.
 */
public final class TradeStreamSubscriptions implements MarketPrices.TradeStream {

    private static final Logger LOG = LoggerFactory.getLogger(TradeStreamSubscriptions.class);

    private final int maxSymbols;
    private final Set<String> symbols = new LinkedHashSet<>();
    private KisRealtimeSession carrier;
    private boolean capReported;

    public TradeStreamSubscriptions(int maxSymbols) {
        if (maxSymbols < 0) {
            throw new IllegalArgumentException("max symbols must not be negative: " + maxSymbols);
        }
        this.maxSymbols = maxSymbols;
    }

    @Override
    public synchronized void follow(String account, String symbol) {
        if (symbols.contains(symbol)) {
            return;
        }
        if (symbols.size() >= maxSymbols) {
            if (!capReported && maxSymbols > 0) {
                capReported = true;
                LOG.info("event=trade_stream_full symbols={} first_polled={}: later symbols' prices are polled "
                        + "(orders.last-price-stream.max-symbols)", maxSymbols, symbol);
            }
            return;
        }
        symbols.add(symbol);
        if (carrier != null) {
            register(carrier, List.of(symbol));
        }
    }

    /** A session opened: it carries the symbols if none does. */
    synchronized void attach(KisRealtimeSession session) {
        if (carrier == null) {
            carrier = session;
            register(session, new ArrayList<>(symbols));
        }
    }

    /** A session closed: if it carried the symbols, the next of the remaining ones takes them over. */
    synchronized void detach(KisRealtimeSession session, Collection<KisRealtimeSession> remaining) {
        if (carrier != session) {
            return;
        }
        carrier = null;
        remaining.stream().filter(s -> s != session).findFirst().ifPresent(this::attach);
    }

    public synchronized List<String> symbols() {
        return List.copyOf(symbols);
    }

    private static void register(KisRealtimeSession session, List<String> symbols) {
        for (String symbol : symbols) {
            session.addSubscription(TradePrintDecoder.TR_ID, symbol).onFailure(e -> LOG.warn(
                    "event=trade_stream_refused symbol={} reason=\"{}\"", symbol, e.getMessage()));
        }
    }
}
