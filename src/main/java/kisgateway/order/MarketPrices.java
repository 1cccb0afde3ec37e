package kisgateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * Last prices for the price band and the value limits: taken from fills as they come, and fetched from KIS
 * inquire-price when a symbol has none or it is older than the allowed age. A price that cannot be had stays
 * unknown, and the risk gate then fails closed.
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

    private final Map<String, Quote> last = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> lookups = new ConcurrentHashMap<>();
    private final PriceSource source;
    private final Duration maxAge;
    private final Duration refreshAfter;
    private final Clock clock;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "last-price-refresh");
        t.setDaemon(true);
        return t;
    });

    public MarketPrices(KisInquiryApi inquiry, Function<String, KisAccount> accounts, Duration maxAge,
                        Duration refreshAfter, Clock clock) {
        this((account, symbol, ttl) -> inquiry.price(accounts.apply(account), symbol,
                CallTerms.order().withTimeToLive(ttl)).price(), maxAge, refreshAfter, clock);
    }

    public MarketPrices(PriceSource source, Duration maxAge, Duration refreshAfter, Clock clock) {
        if (refreshAfter.compareTo(maxAge) > 0) {
            throw new IllegalArgumentException("refresh-after " + refreshAfter + " is beyond the max age " + maxAge);
        }
        this.source = source;
        this.maxAge = maxAge;
        this.refreshAfter = refreshAfter;
        this.clock = clock;
    }

    public Optional<BigDecimal> last(String symbol) {
        Quote q = last.get(symbol);
        return q == null ? Optional.empty() : Optional.of(q.price());
    }

    /** A trade we saw (a fill) is a price. */
    public void observe(String symbol, BigDecimal price) {
        if (price != null && price.signum() > 0) {
            last.merge(symbol, new Quote(price, clock.instant()), (old, seen) -> seen.at().isBefore(old.at()) ? old : seen);
        }
    }

    /**
     * Makes sure the symbol has a price no older than the max age, asking KIS with the given account if it has
     * not; waits at most the time-to-live (a look-up that fails or takes longer leaves the price as it was).
     */
    public void ensureFresh(String account, String symbol, Duration timeToLive) {
        Quote q = last.get(symbol);
        if (q != null) {
            Duration age = Duration.between(q.at(), clock.instant());
            if (age.compareTo(maxAge) <= 0) {
                if (age.compareTo(refreshAfter) >= 0 && !lookups.containsKey(symbol)) {
                    refreshInBackground(account, symbol);
                }
                return;
            }
        }
        lookUp(account, symbol, timeToLive, true);
    }

    private void refreshInBackground(String account, String symbol) {
        try {
            background.execute(() -> lookUp(account, symbol, maxAge, false));
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
            observe(symbol, source.price(account, symbol, timeToLive));
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
