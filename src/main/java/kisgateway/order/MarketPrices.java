package kisgateway.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kisgateway.kis.KisAccount;
import kisgateway.kis.error.KisException;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.kis.rest.QuotePrice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last prices for the price band and the value limits: taken from fills as they come, and fetched from KIS
 * inquire-price (query priority, within the order's time-to-live) when a symbol has none or it is older than
 * the allowed age. A price that cannot be had stays unknown, and the risk gate then fails closed.
 */
public final class MarketPrices {

    private static final Logger LOG = LoggerFactory.getLogger(MarketPrices.class);

    private final Map<String, Quote> last = new ConcurrentHashMap<>();
    private final KisInquiryApi inquiry;
    private final Function<String, KisAccount> accounts;
    private final Duration maxAge;
    private final Clock clock;

    public MarketPrices(KisInquiryApi inquiry, Function<String, KisAccount> accounts, Duration maxAge, Clock clock) {
        this.inquiry = inquiry;
        this.accounts = accounts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Optional<BigDecimal> last(String symbol) {
        Quote q = last.get(symbol);
        return q == null ? Optional.empty() : Optional.of(q.price());
    }

    /** A trade we saw (a fill) is a price. */
    public void observe(String symbol, BigDecimal price) {
        if (price != null && price.signum() > 0) {
            last.put(symbol, new Quote(price, clock.instant()));
        }
    }

    /** Makes sure the symbol has a recent price, asking KIS with the given account if it has not. */
    public void ensureFresh(String account, String symbol, Duration timeToLive) {
        Quote q = last.get(symbol);
        if (q != null && Duration.between(q.at(), clock.instant()).compareTo(maxAge) <= 0) {
            return;
        }
        try {
            QuotePrice price = inquiry.price(accounts.apply(account), symbol, CallTerms.query().withTimeToLive(timeToLive));
            observe(symbol, price.price());
        } catch (KisException e) {
            LOG.warn("last price unavailable symbol={} reason={}", symbol, e.getMessage());
        }
    }

    private record Quote(BigDecimal price, Instant at) {
    }
}
