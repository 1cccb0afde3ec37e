package kisgateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kisgateway.kis.KisAccount;
import kisgateway.kis.error.KisException;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.KisInquiryApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last prices for the price band and the value limits: taken from KIS's trade stream (H0STCNT0) where the
 * realtime session carries the symbol, and fetched from KIS inquire-price when a symbol has none or it is older
 * than the allowed age. A price that cannot be had stays unknown, and the risk gate then fails closed.
 *
 * <p>Every look-up is a call out of the app key's budget that an order cannot use: polled every few seconds, a
 * few busy symbols would eat a good part of it. So every symbol an order asks about is offered to the
 * {@link TradeStream} once; while KIS confirms its registration and the socket stays up, each trade moves the
 * price and a quiet symbol's price is simply still the last trade, so the price only needs a look-up past the
 * (much longer) streamed age. A price counts as streamed only when it was seen after the confirmation: a look-up
 * is dated when it was asked, so a reply that was on its way while the stream began never passes for streamed,
 * and a trade that arrives while a look-up is out is never replaced by the older reply. When the socket drops or
 * goes silent, the polled ages apply again at once.
 *
 * <p>The look-up is on an order's path, so it is sent at ORDER priority in the app key's budget: at QUERY
 * priority a flood of orders would starve it, and every consumer would stall behind it. One look-up per symbol
 * at a time, whoever asks (the others wait for it, not for a second call). While orders keep using a price, it
 * is fetched again in the background once it is {@code refreshAfter} old, so a steady flow does not wait for
 * look-ups at all; a symbol nobody trades costs nothing.
 */
public final class MarketPrices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketPrices.class);

    /** Where a price comes from: KIS inquire-price with the account's app key, within the time-to-live. */
    @FunctionalInterface
    public interface PriceSource {
        BigDecimal price(String account, String symbol, Duration timeToLive);
    }

    /**
     * Who can stream a symbol's trades (the realtime session, within its registrations); asked once per symbol,
     * on the order's thread, so it must not block. It reports back through {@link #streaming}, {@link #observe}
     * and {@link #streamLost}.
     */
    @FunctionalInterface
    public interface TradeStream {
        TradeStream NONE = (account, symbol) -> { };

        void follow(String account, String symbol);
    }

    /** How old a price may be before an order waits for a look-up, and when a look-up starts in the background. */
    public record Freshness(Duration maxAge, Duration refreshAfter) {
        public Freshness {
            if (refreshAfter.compareTo(maxAge) > 0) {
                throw new IllegalArgumentException("refresh-after " + refreshAfter + " is beyond the max age " + maxAge);
            }
        }
    }

    private final Map<String, Quote> last = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> lookups = new ConcurrentHashMap<>();
    private final Map<String, Instant> streamedSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> sharedUntil = new ConcurrentHashMap<>();
    private final Set<String> offered = ConcurrentHashMap.newKeySet();
    private final PriceSource source;
    private final Freshness polled;
    private final Freshness streamed;
    private final TradeStream stream;
    private final Clock clock;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "last-price-refresh");
        t.setDaemon(true);
        return t;
    });

    public MarketPrices(KisInquiryApi inquiry, Function<String, KisAccount> accounts, Freshness polled,
                        Freshness streamed, TradeStream stream, Clock clock) {
        this((account, symbol, ttl) -> inquiry.price(accounts.apply(account), symbol,
                CallTerms.order().withTimeToLive(ttl)).price(), polled, streamed, stream, clock);
    }

    /** Without a trade stream: every price is polled. */
    public MarketPrices(PriceSource source, Duration maxAge, Duration refreshAfter, Clock clock) {
        this(source, new Freshness(maxAge, refreshAfter), new Freshness(maxAge, refreshAfter), TradeStream.NONE, clock);
    }

    public MarketPrices(PriceSource source, Freshness polled, Freshness streamed, TradeStream stream, Clock clock) {
        this.source = source;
        this.polled = polled;
        this.streamed = streamed;
        this.stream = stream;
        this.clock = clock;
    }

    public Optional<BigDecimal> last(String symbol) {
        Quote q = last.get(symbol);
        return q == null ? Optional.empty() : Optional.of(q.price());
    }

    /** How old the last price this instance has is, with no look-up (a strategy's position query). */
    public Optional<Duration> lastAge(String symbol) {
        Quote q = last.get(symbol);
        return q == null ? Optional.empty() : Optional.of(Duration.between(q.at(), clock.instant()));
    }

    /**
     * The last price, looked up (within {@code timeToLive}, at order priority) when this process has never seen one;
     * a price it has, however old, is answered as {@link #last} answers it.
     */
    public Optional<BigDecimal> lastOrAsk(String account, String symbol, Duration timeToLive) {
        if (!last.containsKey(symbol)) {
            lookUp(account, symbol, timeToLive, true);
        }
        return last(symbol);
    }

    /** A trade we saw is a price. */
    public void observe(String symbol, BigDecimal price) {
        observe(symbol, price, clock.instant());
    }

    private void observe(String symbol, BigDecimal price, Instant at) {
        if (price != null && price.signum() > 0) {
            last.merge(symbol, new Quote(price, at), (old, seen) -> seen.at().isBefore(old.at()) ? old : seen);
        }
    }

    /** KIS confirmed the symbol's trade registration: from now on every trade of it reaches {@link #observe}. */
    public void streaming(String symbol) {
        streamedSince.put(symbol, clock.instant());
    }

    /** The stream of these symbols is gone (socket closed or silent): their prices age as polled ones again. */
    public void streamLost(Collection<String> symbols) {
        symbols.forEach(streamedSince::remove);
    }

    /** Whether the symbol's price is kept current by a trade stream right now, this instance's or a shared one. */
    public boolean isStreamed(String symbol) {
        Quote q = last.get(symbol);
        return q != null && streamedAt(symbol, q);
    }

    /**
     * The prices this instance's own trade stream keeps current (not those shared with it), for the instances
     * without a realtime socket.
     */
    public Map<String, StreamedPrice> streamedPrices() {
        Instant now = clock.instant();
        Map<String, StreamedPrice> prices = new java.util.TreeMap<>();
        streamedSince.forEach((symbol, since) -> {
            Quote q = last.get(symbol);
            if (q != null && !q.at().isBefore(since)) {
                prices.put(symbol, new StreamedPrice(q.price(), Duration.between(q.at(), now)));
            }
        });
        return prices;
    }

    /**
     * Prices another instance's trade stream keeps current: each counts as streamed until {@code until} (the sharer
     * says so again every round; if it stops, the prices age as polled ones), and keeps the age it had there, so
     * the streamed age still sends a quiet symbol to a look-up in time.
     */
    public void adoptShared(Map<String, StreamedPrice> prices, Instant until) {
        Instant now = clock.instant();
        prices.forEach((symbol, shared) -> {
            observe(symbol, shared.price(), now.minus(shared.age()));
            sharedUntil.merge(symbol, until, (a, b) -> a.isAfter(b) ? a : b);
        });
    }

    /** A streamed price and how long ago it was seen (an age, not a time: hosts' clocks differ). */
    public record StreamedPrice(BigDecimal price, Duration age) {
    }

    /** How many symbols' prices a trade stream keeps current right now, own or shared (a gauge for operators). */
    public int streamedSymbols() {
        java.util.Set<String> symbols = new java.util.HashSet<>(streamedSince.keySet());
        symbols.addAll(sharedUntil.keySet());
        return (int) symbols.stream().filter(this::isStreamed).count();
    }

    private boolean streamedAt(String symbol, Quote q) {
        Instant since = streamedSince.get(symbol);
        if (since != null && !q.at().isBefore(since)) {
            return true;
        }
        Instant shared = sharedUntil.get(symbol);
        return shared != null && clock.instant().isBefore(shared);
    }

    /**
     * Makes sure the symbol has a price no older than the max age, asking KIS with the given account if it has
     * not; waits at most the time-to-live (a look-up that fails or takes longer leaves the price as it was).
     */
    public void ensureFresh(String account, String symbol, Duration timeToLive) {
        offerToStream(account, symbol);
        Quote q = last.get(symbol);
        if (q != null) {
            Freshness freshness = streamedAt(symbol, q) ? streamed : polled;
            Duration age = Duration.between(q.at(), clock.instant());
            if (age.compareTo(freshness.maxAge()) <= 0) {
                if (age.compareTo(freshness.refreshAfter()) >= 0 && !lookups.containsKey(symbol)) {
                    refreshInBackground(account, symbol);
                }
                return;
            }
        }
        lookUp(account, symbol, timeToLive, true);
    }

    private void offerToStream(String account, String symbol) {
        if (offered.add(symbol)) {
            try {
                stream.follow(account, symbol);
            } catch (RuntimeException e) {
                LOG.warn("trade stream not offered symbol={} error={}", symbol, e.toString());
            }
        }
    }

    private void refreshInBackground(String account, String symbol) {
        try {
            background.execute(() -> lookUp(account, symbol, polled.maxAge(), false));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the price is still fresh enough for this order
        }
    }

    /** Fetches the price unless another thread already is; then waits for that one, or not. */
    private void lookUp(String account, String symbol, Duration timeToLive, boolean waitForOther) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = lookups.putIfAbsent(symbol, mine);
        if (other != null) {
            if (!waitForOther) {
                return;
            }
            try {
                other.get(timeToLive.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // timed out or failed: the caller goes on with what it has
            }
            return;
        }
        try {
            Instant asked = clock.instant();
            observe(symbol, source.price(account, symbol, timeToLive), asked);
        } catch (KisException e) {
            LOG.warn("last price unavailable symbol={} reason={}", symbol, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("last price look-up failed symbol={} error={}", symbol, e.toString());
        } finally {
            lookups.remove(symbol, mine);
            mine.complete(null);
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private record Quote(BigDecimal price, Instant at) {
    }
}
