package kisgateway.app.service.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kisgateway.market.JdbcTickLeaseStore;
import kisgateway.market.TickLease;
import kisgateway.market.TickLeases;
import kisgateway.market.TickRequest;
import kisgateway.market.TradeRegistrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategies' tick subscriptions on the KIS leader: a SUBSCRIBE leases symbols for {@code lease} (again: renews
 * them), an UNSUBSCRIBE gives them up at once, and a lease not renewed runs out. Every symbol a lease needs is
 * registered at KIS through {@link TradeStreamSubscriptions}, which counts it with the risk check's last prices; a
 * request that does not fit is refused whole with the reason. The leases are written to {@code tick_leases} before
 * they are answered, so a new leader takes them over ({@link #takeOver}).
 */
public final class StrategyTickSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyTickSubscriptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TradeStreamSubscriptions stream;
    private final JdbcTickLeaseStore store;
    private final Duration lease;
    private final int maxSymbols;
    private final String address;
    private final Clock clock;
    private final SenderStrategy senders;
    private final TickLeases leases = new TickLeases();
    private volatile Set<String> leased = Set.of();
    private boolean takeOverPending;

    /**
     * What the requester is answered: a status as HTTP has them (200, 400, 403, 409, 504) and the JSON body; the
     * reason of a refusal, null for a grant.
     */
    public record TickAnswer(int status, String json, String reason) {
    }

    /** Which strategy a JMS request's sender acts for: (broker user, strategy the request names or null). */
    @FunctionalInterface
    public interface SenderStrategy {
        String of(String brokerUser, String claimed);
    }

    public StrategyTickSubscriptions(TradeStreamSubscriptions stream, JdbcTickLeaseStore store, Duration lease,
                                     int maxSymbols, String address, SenderStrategy senders, Clock clock) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a tick lease must last: " + lease);
        }
        this.stream = stream;
        this.store = store;
        this.lease = lease;
        this.maxSymbols = maxSymbols;
        this.address = address;
        this.clock = clock;
        this.senders = senders;
    }

    /** A JMS request: its strategy is its sender's (the broker user the broker stamped on it). */
    public TickAnswer answerSender(String brokerUser, String json) {
        TickRequest request;
        try {
            request = TickRequest.parse(json, maxSymbols);
        } catch (TickRequest.Invalid e) {
            return error(400, e.getMessage());
        }
        String strategy;
        try {
            strategy = senders.of(brokerUser, request.strategyId());
        } catch (IllegalArgumentException e) {
            return error(403, e.getMessage());
        }
        return answer(strategy, request);
    }

    /** @param strategy the strategy the caller authenticated as (its API key) */
    public TickAnswer answer(String strategy, String json) {
        TickRequest request;
        try {
            request = TickRequest.parse(json, maxSymbols);
        } catch (TickRequest.Invalid e) {
            return error(400, e.getMessage());
        }
        if (request.strategyId() != null && !request.strategyId().equals(strategy)) {
            return error(403, "the caller is strategy '" + strategy + "', the request names '" + request.strategyId()
                    + "'");
        }
        return answer(strategy, request);
    }

    /** The REST call waited for the KIS leader's answer in vain: a SUBSCRIBE sent again is the same lease. */
    public TickAnswer leaderUnanswered() {
        return error(504, "the KIS leader did not answer in time (or no instance leads right now): the outcome is "
                + "unknown; send the request again (a SUBSCRIBE sent twice is one lease, renewed)");
    }

    private synchronized TickAnswer answer(String strategy, TickRequest request) {
        String subscriber = TickLease.subscriberKey(strategy, request.subscriber());
        Instant now = clock.instant();
        return request.action() == TickRequest.Action.SUBSCRIBE
                ? subscribe(subscriber, request, now) : unsubscribe(subscriber, request, now);
    }

    private TickAnswer subscribe(String subscriber, TickRequest request, Instant now) {
        TradeRegistrations.Admission admission = stream.needForTicks(request.symbols());
        if (!admission.granted()) {
            LOG.warn("event=tick_subscription_refused subscriber={} symbols={} reason=\"{}\"", subscriber,
                    request.symbols(), admission.reason());
            return error(409, admission.reason());
        }
        Instant until = now.plus(lease);
        try {
            store.grant(subscriber, request.symbols(), until);
        } catch (RuntimeException e) {
            // not granted: what no lease holds goes back on hold instead of staying registered for nobody
            stream.leasesGone(request.symbols().stream().filter(s -> !leases.leased(s)).toList(), now);
            throw e;
        }
        Set<String> fresh = leases.grant(subscriber, request.symbols(), until);
        leased = leases.symbols();
        LOG.info("event=tick_subscription_granted subscriber={} symbols={} newly_leased={} registered_at_kis={} "
                + "expires_at={}", subscriber, request.symbols(), fresh, admission.newlyRegistered(), until);
        ObjectNode body = answerBody(request);
        body.put("leaseMs", lease.toMillis());
        body.put("expiresAt", until.toString());
        body.put("address", address);
        body.put("selector", request.symbols().stream().map(s -> "'" + s + "'")
                .collect(Collectors.joining(", ", "symbol IN (", ")")));
        return new TickAnswer(200, body.toString(), null);
    }

    private TickAnswer unsubscribe(String subscriber, TickRequest request, Instant now) {
        store.release(subscriber, request.symbols());
        Set<String> unleased = leases.release(subscriber, request.symbols());
        leased = leases.symbols();
        stream.leasesGone(unleased, now);
        LOG.info("event=tick_subscription_released subscriber={} symbols={} unleased={}", subscriber,
                request.symbols(), unleased);
        return new TickAnswer(200, answerBody(request).toString(), null);
    }

    /**
     * The leader's round: leases that ran out are dropped (here and in the table), and symbols nobody needed for
     * the hold are released at KIS.
     *
     * @return the symbols released at KIS
     */
    public synchronized List<String> expire() {
        if (takeOverPending) {
            takeOver();
        }
        Instant now = clock.instant();
        TickLeases.Expiry expiry = leases.expire(now);
        store.expire(now);
        if (!expiry.expired().isEmpty()) {
            leased = leases.symbols();
            LOG.info("event=tick_leases_expired leases={} unleased={}", expiry.expired().size(), expiry.unleased());
        }
        stream.leasesGone(expiry.unleased(), now);
        return stream.releaseIdle(now);
    }

    /**
     * This instance became the KIS leader: the unexpired leases in the table are its own now. Runs on the gain of
     * the leadership, which it must not fail: when the table cannot be read, the leader's next expiry round tries
     * again (until then requests are answered on what this instance holds, and written to the table as ever).
     */
    public synchronized void takeOver() {
        takeOverPending = true;
        try {
            List<TickLease> stored = store.unexpired(clock.instant());
            leases.clear();
            for (TickLease l : stored) {
                leases.grant(l.subscriber(), List.of(l.symbol()), l.expiresAt());
            }
            leased = leases.symbols();
            List<String> unfit = stream.takeOver(leased);
            takeOverPending = false;
            LOG.info("event=tick_leases_taken_over leases={} symbols={} unfit={}", stored.size(), leased.size(), unfit);
        } catch (RuntimeException e) {
            LOG.error("event=tick_leases_takeover_failed reason=\"{}\": the next expiry round tries again",
                    e.getMessage());
        }
    }

    /** This instance no longer leads: the next leader answers and expires the leases. */
    public synchronized void handOver() {
        takeOverPending = false;
        leases.clear();
        leased = Set.of();
    }

    /** How many symbols strategies lease right now. */
    public int leasedSymbols() {
        return leased.size();
    }

    /** Whether a strategy leases the symbol's ticks right now (read on the realtime delivery thread). */
    public boolean wanted(String symbol) {
        return leased.contains(symbol);
    }

    private static ObjectNode answerBody(TickRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("action", request.action().name());
        body.put("subscriber", request.subscriber());
        request.symbols().forEach(body.putArray("symbols")::add);
        return body;
    }

    private static TickAnswer error(int status, String reason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("error", reason);
        return new TickAnswer(status, body.toString(), reason);
    }
}
