package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kisgateway.order.IntentSenderBinding;
import kisgateway.order.OrderRecord;
import kisgateway.order.StrategyPermissions;
import kisgateway.query.CashEstimate;
import kisgateway.query.HeldPosition;
import kisgateway.query.HeldPositions;
import kisgateway.query.JdbcAccountHoldings;
import kisgateway.query.JdbcOpenOrders;
import kisgateway.query.OpenOrdersPage;
import kisgateway.query.OpenOrdersRequest;
import kisgateway.query.ReconciliationMark;

/**
 * The strategies' queries (open orders, positions, orderable cash of an account), over REST and JMS, answered as
 * JSON. Who may ask is decided here once for both: a strategy asks only about the accounts it may trade (else 403,
 * never another account's data); among an account's open orders it sees its own, unless it is configured to see
 * every strategy's on its accounts ({@code gateway.strategy.<id>.sees-account-orders}); positions and cash are
 * the account's (the gateway books them per account, as KIS does). The operator (the login of /api/admin) may ask
 * about every account and every strategy's orders.
 */
public final class StrategyQueryAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    /** What a JMS request asks for (its queryType property). */
    public enum QueryType { OPEN_ORDERS, POSITIONS, CASH }

    /** A symbol's last price as this instance knows it, and its age; empty when it knows none. */
    @FunctionalInterface
    public interface LastPrices {
        Optional<PriceSeen> last(String symbol);
    }

    public record PriceSeen(BigDecimal price, Duration age) {
    }

    private final StrategyPermissions permissions;
    private final IntentSenderBinding senders;
    private final Set<String> seeAccountOrders;
    private final Set<String> accounts;
    private final JdbcOpenOrders openOrders;
    private final JdbcAccountHoldings holdings;
    private final LastPrices prices;
    private final OrderApiResponses failures;
    private final Clock clock;
    private final int defaultLimit;
    private final int maxLimit;

    /**
     * @param seeAccountOrders the strategies that see every strategy's open orders on the accounts they may trade
     * @param failures         the order API's mapping of a failure to a status and a reason, for the JMS answers
     */
    public StrategyQueryAnswers(StrategyPermissions permissions, IntentSenderBinding senders, Set<String> seeAccountOrders,
                                Set<String> accounts, JdbcOpenOrders openOrders, JdbcAccountHoldings holdings,
                                LastPrices prices, OrderApiResponses failures, Clock clock, int defaultLimit, int maxLimit) {
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("queries.orders.default-limit " + defaultLimit + " must be from 1 to "
                    + "queries.orders.max-limit " + maxLimit);
        }
        this.permissions = permissions;
        this.senders = senders;
        this.seeAccountOrders = Set.copyOf(seeAccountOrders);
        this.accounts = Set.copyOf(accounts);
        this.openOrders = openOrders;
        this.holdings = holdings;
        this.prices = prices;
        this.failures = failures;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** GET /api/accounts/{account}/orders */
    public OrderApiResponses.ApiResponse openOrders(OrderReader reader, String account, String strategy, String symbol,
                                                    String state, String limit, String after) {
        admit(reader, account);
        OpenOrdersRequest request = OpenOrdersRequest.parse(account, strategy, symbol, state, limit, after,
                defaultLimit, maxLimit);
        if (!reader.isOperator() && !seeAccountOrders.contains(reader.strategyId())) {
            if (request.strategyId() != null && !request.strategyId().equals(reader.strategyId())) {
                throw new StrategyPermissions.NotPermitted("strategy '" + reader.strategyId() + "' sees only its own "
                        + "orders (gateway.strategy." + reader.strategyId() + ".sees-account-orders is not set)");
            }
            request = new OpenOrdersRequest(account, reader.strategyId(), request.symbol(), request.states(),
                    request.limit(), request.after());
        }
        OpenOrdersPage page = openOrders.page(request);
        ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("readAt", time(page.readAt()));
        ArrayNode list = n.putArray("orders");
        for (OrderRecord o : page.orders()) {
            ObjectNode view = OrderApiResponses.view(o);
            view.put("shadow", o.shadow());
            view.set("freshness", freshness(o.updatedAt(), page.readAt(), page.reconciliation(), o.orderId().toString()));
            list.add(view);
        }
        n.put("next", page.next() == null ? null : page.next().encode());
        n.set("reconciliation", reconciliation(page.reconciliation()));
        return new OrderApiResponses.ApiResponse(200, n.toString());
    }

    /** GET /api/accounts/{account}/positions */
    public OrderApiResponses.ApiResponse positions(OrderReader reader, String account) {
        admit(reader, account);
        HeldPositions held = holdings.positions(account);
        ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("readAt", time(held.readAt()));
        ArrayNode list = n.putArray("positions");
        for (HeldPosition p : held.positions()) {
            Optional<PriceSeen> last = prices.last(p.symbol());
            ObjectNode v = list.addObject();
            v.put("symbol", p.symbol());
            v.put("quantity", p.quantity());
            v.put("averagePrice", decimal(p.averagePrice()));
            v.put("lastPrice", last.map(s -> decimal(s.price())).orElse(null));
            if (last.isPresent()) {
                v.put("lastPriceAgeMs", last.get().age().toMillis());
            } else {
                v.putNull("lastPriceAgeMs");
            }
            v.put("unrealisedPnl", decimal(p.unrealisedPnl(last.map(PriceSeen::price).orElse(null))));
            v.set("freshness", freshness(p.updatedAt(), held.readAt(), held.reconciliation(), p.symbol()));
        }
        n.set("reconciliation", reconciliation(held.reconciliation()));
        return new OrderApiResponses.ApiResponse(200, n.toString());
    }

    /** GET /api/accounts/{account}/cash */
    public OrderApiResponses.ApiResponse cash(OrderReader reader, String account) {
        admit(reader, account);
        LocalDate today = clock.instant().atZone(KST).toLocalDate();
        CashEstimate cash = holdings.cash(account, today, symbol -> prices.last(symbol).map(PriceSeen::price));
        ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("readAt", time(cash.readAt()));
        n.put("tradingDate", today.toString());
        n.put("orderableCash", decimal(cash.orderableCash()));
        n.put("openingCash", decimal(cash.openingCash()));
        n.put("measure", cash.measure());
        n.put("filledNet", decimal(cash.filledNet()));
        n.put("heldForBuys", decimal(cash.heldForBuys()));
        n.put("unpricedMarketBuys", cash.unpricedMarketBuys());
        if (cash.openingCash() == null) {
            n.put("unknownBecause", "no reconciliation has measured the account's cash at KIS today yet");
        }
        n.set("freshness", freshness(cash.asOf(), cash.readAt(), cash.reconciliation(), CashEstimate.SUBJECT));
        n.set("reconciliation", reconciliation(cash.reconciliation()));
        return new OrderApiResponses.ApiResponse(200, n.toString());
    }

    /**
     * A request from kis.strategy.queries, for its sender's strategy (the broker's stamp, {@link
     * IntentSenderBinding#strategyOf}). Every refusal is an answer (status and reason) for the requester, as
     * over REST; nothing of another account is ever in it.
     */
    public OrderApiResponses.ApiResponse overJms(String brokerUser, String claimedStrategy, String queryType,
                                                 String account, String strategy, String symbol, String state,
                                                 String limit, String after) {
        try {
            OrderReader reader = OrderReader.strategy(senders.strategyOf(brokerUser, claimedStrategy));
            QueryType type = queryType(queryType);
            return switch (type) {
                case OPEN_ORDERS -> openOrders(reader, account, strategy, symbol, state, limit, after);
                case POSITIONS -> positions(reader, account);
                case CASH -> cash(reader, account);
            };
        } catch (RuntimeException e) {
            return failures.failure(e);
        }
    }

    private static QueryType queryType(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the request has no queryType property (OPEN_ORDERS, POSITIONS or CASH)");
        }
        try {
            return QueryType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("queryType must be OPEN_ORDERS, POSITIONS or CASH");
        }
    }

    /** The caller may ask about the account: a strategy only its own accounts (403), and only a real one (404). */
    private void admit(OrderReader reader, String account) {
        if (account == null || account.isEmpty()) {
            throw new IllegalArgumentException("the request names no account");
        }
        if (!reader.isOperator()) {
            permissions.authorize(reader.strategyId(), account);
        }
        if (!accounts.contains(account)) {
            throw new OrderApiResponses.NotFound("no account '" + account + "'");
        }
    }

    private static ObjectNode freshness(Instant asOf, Instant readAt, ReconciliationMark mark, String subject) {
        ObjectNode f = JSON.createObjectNode();
        f.put("asOf", time(asOf));
        if (asOf == null) {
            f.putNull("ageMs");
        } else {
            f.put("ageMs", Math.max(0, Duration.between(asOf, readAt).toMillis()));
        }
        f.put("reconciled", mark.confirms(subject, asOf));
        ArrayNode breaks = f.putArray("openBreaks");
        mark.openBreaks(subject).forEach(breaks::add);
        return f;
    }

    private static ObjectNode reconciliation(ReconciliationMark mark) {
        ObjectNode r = JSON.createObjectNode();
        r.put("lastRunAt", time(mark.lastRunStartedAt()));
        r.put("lastRunOutcome", mark.lastRunOutcome());
        r.put("lastSucceededAt", time(mark.lastSucceededStartedAt()));
        int open = 0;
        for (List<String> kinds : mark.openBreaksBySubject().values()) {
            open += kinds.size();
        }
        r.put("openBreaks", open);
        return r;
    }

    private static String time(Instant t) {
        return t == null ? null : t.atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String decimal(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }
}
