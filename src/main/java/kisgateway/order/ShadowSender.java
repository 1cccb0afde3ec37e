package kisgateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiPredicate;
import java.util.function.Function;
import kisgateway.kis.KisAccount;
import kisgateway.kis.error.KisInvalidRequest;
import kisgateway.kis.rest.KisTradingApi;
import kisgateway.kis.rest.UnsentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The point of sending for a SHADOW order (docs/rollout.md): the order-cash request is built and checked exactly as
 * {@link OrderSender} would send it, and recorded in {@code shadow_requests} in the same transaction as the order's
 * move to SHADOWED; nothing goes to KIS. No slot of the app key's REST budget is taken, so a shadow order never
 * delays a real one; when it would have left is the moment it reached this point.
 *
 * <p>And the guard between the two: an order taken live whose account or strategy went to SHADOW before it was
 * sent (a resumed intent) is not sent either, and not recorded as a shadow one (its events so far said live): it is
 * DENIED with the reason.
 */
public final class ShadowSender {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEMOTED_RULE = "ROLLOUT_SHADOW";

    private final JdbcOrderStore store;
    private final KisTradingApi trading;
    private final Function<String, KisAccount> accounts;
    private final BiPredicate<String, String> inShadow;
    private final java.util.function.Consumer<String> recorded;
    private final Clock clock;

    /**
     * @param inShadow whether the account and strategy are in SHADOW now
     * @param recorded told the account of each request recorded (the shadow sends' own count, apart from the budget)
     */
    public ShadowSender(JdbcOrderStore store, KisTradingApi trading, Function<String, KisAccount> accounts,
                        BiPredicate<String, String> inShadow, java.util.function.Consumer<String> recorded,
                        Clock clock) {
        this.store = store;
        this.trading = trading;
        this.accounts = accounts;
        this.inShadow = inShadow;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** A live order whose account or strategy is in SHADOW now: it must not leave. */
    public boolean demotedSinceIntake(OrderRecord order) {
        return !order.shadow() && inShadow.test(order.account(), order.strategyId());
    }

    public OrderRecord refuseDemoted(OrderRecord order) {
        String why = "not sent: " + order.account() + "/" + order.strategyId()
                + " went to the SHADOW rollout phase after the order was taken";
        LOG.warn("order denied: rollout phase SHADOW since intake order={} account={} strategy={}", order.orderId(),
                order.account(), order.strategyId());
        return store.transition(order.orderId(), OrderEventType.DENY,
                OrderChange.because(why).rejection(DEMOTED_RULE, why)).order();
    }

    /** Records what would have been sent and moves the order to SHADOWED; sends nothing. */
    public OrderRecord record(OrderRecord order) {
        Instant now = clock.instant();
        Duration remaining = Duration.between(now, order.createdAt().plus(order.timeToLive()));
        if (remaining.isNegative() || remaining.isZero()) {
            String why = "time-to-live of " + order.timeToLive().toMillis() + " ms passed before sending";
            return store.transition(order.orderId(), OrderEventType.EXPIRE,
                    OrderChange.because(why).rejection("STALE_ORDER", why)).order();
        }
        UnsentRequest request;
        try {
            request = trading.unsentCashOrder(accounts.apply(order.account()), KisOrderFields.cashOrder(order));
        } catch (KisInvalidRequest e) {
            // as OrderSender: our request, not KIS, is at fault; a live order would not have left either
            return store.transition(order.orderId(), OrderEventType.DENY,
                    OrderChange.because("not sent: " + e.getMessage()).rejection("INVALID_REQUEST", e.getMessage()))
                    .order();
        }
        String body = json(request);
        Transition t = store.inTransaction("recording shadow order " + order.orderId() + " failed", c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into shadow_requests (order_id, account, strategy_id,"
                    + " method, path, tr_id, body, would_leave_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                    + " on conflict (order_id) do nothing")) {
                ps.setObject(1, order.orderId());
                ps.setString(2, order.account());
                ps.setString(3, order.strategyId());
                ps.setString(4, request.method());
                ps.setString(5, request.path());
                ps.setString(6, request.trId());
                ps.setString(7, body);
                ps.setTimestamp(8, Timestamp.from(now));
                ps.executeUpdate();
            }
            return store.transition(c, order.orderId(), OrderEventType.SHADOW,
                    OrderChange.because("SHADOW phase: recorded, not sent").detail("trId", request.trId())
                            .detail("path", request.path()));
        });
        if (t.legal()) {
            recorded.accept(order.account());
        }
        LOG.info("shadow order recorded order={} account={} strategy={} tr_id={} state={}", order.orderId(),
                order.account(), order.strategyId(), request.trId(), t.to());
        return t.order();
    }

    private static String json(UnsentRequest request) {
        try {
            return JSON.writeValueAsString(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is not serialisable", e);
        }
    }
}
