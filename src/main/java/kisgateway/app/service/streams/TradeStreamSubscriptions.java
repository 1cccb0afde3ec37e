package kisgateway.app.service.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.kis.ws.TradePrintDecoder;
import kisgateway.market.TradeRegistrations;
import kisgateway.order.MarketPrices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which symbols' trades (H0STCNT0, or H0UNCNT0 with the integrated feed) this instance streams, and on which
 * session: those the risk check's last prices follow (the first symbols orders ask about, up to {@code maxSymbols})
 * and those strategies lease ticks of, counted once in one {@link TradeRegistrations} (market data is the same
 * whichever app key carries it; KIS allows 41 registrations per session and the notice takes one). Last-price
 * symbols past the cap or the registrations stay polled: a last-price registration is never released to make room,
 * because subscribe/release churn is what gets an app key blocked (docs/architecture.md#realtime-socket); a
 * strategy's symbol is released only after a hold, within a release rate. Only the instance that leads the fill
 * route holds sessions; the others remember the last-price symbols (for when they lead) and take the leader's prices
 * from {@link kisgateway.order.LastPriceSharing}.
 */
public final class TradeStreamSubscriptions implements MarketPrices.TradeStream {

    private static final Logger LOG = LoggerFactory.getLogger(TradeStreamSubscriptions.class);

    private final int maxSymbols;
    private final TradeRegistrations registrations;
    private final String trId;
    private final Set<String> symbols = new LinkedHashSet<>();
    private KisRealtimeSession carrier;
    private boolean capReported;
    private volatile Consumer<List<String>> released = s -> { };

    public TradeStreamSubscriptions(int maxSymbols, TradeRegistrations registrations) {
        this(maxSymbols, registrations, TradePrintDecoder.TR_ID);
    }

    /** @param trId the trade stream registered: H0STCNT0 (KRX) or H0UNCNT0 (KRX and NXT, live only) */
    public TradeStreamSubscriptions(int maxSymbols, TradeRegistrations registrations, String trId) {
        if (!TradePrintDecoder.isTradeTr(trId)) {
            throw new IllegalArgumentException("not a trade stream: " + trId);
        }
        this.trId = trId;
        if (maxSymbols < 0) {
            throw new IllegalArgumentException("max symbols must not be negative: " + maxSymbols);
        }
        this.maxSymbols = maxSymbols;
        this.registrations = registrations;
    }

    /** Told the symbols released at KIS: their prices are no longer kept current by the stream. */
    public void whenReleased(Consumer<List<String>> listener) {
        this.released = listener;
    }

    @Override
    public synchronized void follow(String account, String symbol) {
        if (symbols.contains(symbol)) {
            return;
        }
        boolean known = registrations.registered().contains(symbol);
        if (symbols.size() >= maxSymbols || !registrations.needForLastPrice(symbol)) {
            if (!capReported && maxSymbols > 0) {
                capReported = true;
                LOG.info("event=trade_stream_full symbols={} registrations_free={} first_polled={}: later symbols' "
                        + "prices are polled (orders.last-price-stream.max-symbols, or strategies' ticks hold the "
                        + "registrations)", symbols.size(), registrations.free(), symbol);
            }
            return;
        }
        symbols.add(symbol);
        if (carrier != null && !known) {
            register(carrier, List.of(symbol));
        }
    }

    /**
     * Strategies' leases need these symbols: all registered (at KIS too, when this instance holds the session), or
     * none, with the reason.
     */
    public synchronized TradeRegistrations.Admission needForTicks(Collection<String> leased) {
        TradeRegistrations.Admission admission = registrations.needForTicks(leased);
        if (admission.granted() && carrier != null) {
            register(carrier, new ArrayList<>(admission.newlyRegistered()));
        }
        return admission;
    }

    /** No lease is left on these symbols: those the last prices do not follow start their hold. */
    public synchronized void leasesGone(Collection<String> unleased, Instant now) {
        registrations.leasesGone(unleased, now);
    }

    /**
     * Releases at KIS the symbols nobody needed for the hold (within the release rate).
     *
     * @return the symbols released
     */
    public synchronized List<String> releaseIdle(Instant now) {
        List<String> due = registrations.releasable(now);
        if (due.isEmpty()) {
            return due;
        }
        for (String symbol : due) {
            if (carrier != null) {
                carrier.removeSubscription(trId, symbol).onFailure(e -> LOG.warn(
                        "event=trade_stream_release_failed symbol={} reason=\"{}\"", symbol, e.getMessage()));
            }
        }
        LOG.info("event=trade_stream_released symbols={} registrations_free={}", due, registrations.free());
        released.accept(due);
        return due;
    }

    /**
     * This instance starts over as the holder of the sessions (a gain of the leadership): the leases it takes over
     * are registered first, as strategies were granted them, and then the last-price symbols it remembers while
     * registrations are left; those that no longer fit are polled.
     */
    public synchronized List<String> takeOver(Collection<String> leased) {
        registrations.clear();
        List<String> unfit = new ArrayList<>();
        for (String symbol : leased) {
            TradeRegistrations.Admission admission = registrations.needForTicks(List.of(symbol));
            if (!admission.granted()) {
                unfit.add(symbol);
            }
        }
        if (!unfit.isEmpty()) {
            LOG.error("event=trade_stream_takeover_over_capacity symbols={} capacity={}: leases granted before do "
                    + "not fit this instance's registrations (instances of one app key must run it alike)", unfit,
                    registrations.capacity());
        }
        symbols.removeIf(symbol -> !registrations.needForLastPrice(symbol));
        if (carrier != null) {
            register(carrier, registrations.registered());
        }
        return unfit;
    }

    /** A session opened: it carries the symbols if none does. */
    synchronized void attach(KisRealtimeSession session) {
        if (carrier == null) {
            carrier = session;
            register(session, registrations.registered());
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

    /** The symbols the last prices follow. */
    public synchronized List<String> symbols() {
        return List.copyOf(symbols);
    }

    /** Every symbol registered for trades, whoever needs it, held ones included. */
    public synchronized List<String> registered() {
        return registrations.registered();
    }

    private void register(KisRealtimeSession session, List<String> symbols) {
        for (String symbol : symbols) {
            session.addSubscription(trId, symbol).onFailure(e -> LOG.warn(
                    "event=trade_stream_refused symbol={} reason=\"{}\"", symbol, e.getMessage()));
        }
    }
}
