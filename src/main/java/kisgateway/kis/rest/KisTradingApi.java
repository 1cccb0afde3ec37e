package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.KisFunction;
import kisgateway.kis.OrderExchange;
import kisgateway.kis.OrderSide;
import kisgateway.kis.error.KisInvalidRequest;

/**
 * Orders, revisions and cancellations. Each call is sent at most once: an unclear outcome surfaces as
 * {@code KisAmbiguousOutcome} for reconciliation, never as a silent resend. Only a refused token (nothing
 * happened at KIS) is retried once with a fresh token.
 */
public final class KisTradingApi {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final KisRestClient client;
    private final Clock clock;

    public KisTradingApi(KisRestClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OrderAck placeCashOrder(KisAccount account, CashOrder order, CallTerms terms) {
        Map<String, String> body = cashOrderBody(account, order);
        return ack(client.call(account, cashOrderFunction(order), body, PageCursor.FIRST, terms));
    }

    /**
     * The order-cash request exactly as {@link #placeCashOrder} would send it (the same checks, the same body, the
     * same tr_id and path), without sending it and without a slot of the app key's budget: for a SHADOW order.
     * The headers (app key, secret, token) are not part of it, and the account number is masked.
     *
     * @throws KisInvalidRequest as placeCashOrder would, before sending
     */
    public UnsentRequest unsentCashOrder(KisAccount account, CashOrder order) {
        Map<String, String> body = cashOrderBody(account, order);
        body.put("CANO", UnsentRequest.MASKED);
        KisFunction function = cashOrderFunction(order);
        return new UnsentRequest(function.method(), function.path(), client.environment().trId(function), body);
    }

    private static KisFunction cashOrderFunction(CashOrder order) {
        return order.side() == OrderSide.BUY ? KisFunction.CASH_BUY : KisFunction.CASH_SELL;
    }

    private Map<String, String> cashOrderBody(KisAccount account, CashOrder order) {
        KisEnvironment environment = client.environment();
        requirePositive(order.quantity(), "ORD_QTY");
        environment.requireOrderExchangeAllowed(order.exchange());
        Map<String, String> body = AccountFields.of(account);
        body.put("PDNO", symbol(order.symbol()));
        body.put("ORD_DVSN", order.division().code());
        body.put("ORD_QTY", Long.toString(order.quantity()));
        body.put("ORD_UNPR", price(order.division(), order.price(), "ORD_UNPR"));
        if (order.sellType() != null) {
            body.put("SLL_TYPE", order.sellType().code());
        }
        putConditionPrice(body, order.division(), order.conditionPrice());
        putExchange(body, order.exchange());
        return body;
    }

    public OrderAck reviseOrder(KisAccount account, OrderRevision revision, CallTerms terms) {
        client.environment().requireOrderExchangeAllowed(revision.exchange());
        Map<String, String> body = revisionBody(account, revision.orgNo(), revision.originalOrderNo(),
                revision.division(), "01", revision.quantity(), revision.allRemaining());
        body.put("ORD_UNPR", price(revision.division(), revision.price(), "ORD_UNPR"));
        body.put("QTY_ALL_ORD_YN", revision.allRemaining() ? "Y" : "N");
        putConditionPrice(body, revision.division(), revision.conditionPrice());
        putExchange(body, revision.exchange());
        return ack(client.call(account, KisFunction.REVISE_CANCEL, body, PageCursor.FIRST, terms));
    }

    public OrderAck cancelOrder(KisAccount account, OrderCancellation cancellation, CallTerms terms) {
        client.environment().requireOrderExchangeAllowed(cancellation.exchange());
        Map<String, String> body = revisionBody(account, cancellation.orgNo(), cancellation.originalOrderNo(),
                cancellation.division(), "02", cancellation.quantity(), cancellation.allRemaining());
        body.put("ORD_UNPR", "0");
        body.put("QTY_ALL_ORD_YN", cancellation.allRemaining() ? "Y" : "N");
        putExchange(body, cancellation.exchange());
        return ack(client.call(account, KisFunction.REVISE_CANCEL, body, PageCursor.FIRST, terms));
    }

    private Map<String, String> revisionBody(KisAccount account, String orgNo, String originalOrderNo,
                                             OrderDivision division, String reviseCancelCode, long quantity,
                                             boolean allRemaining) {
        if (!allRemaining) {
            requirePositive(quantity, "ORD_QTY");
        }
        if (orgNo.isBlank() || originalOrderNo.isBlank()) {
            throw new KisInvalidRequest("KRX_FWDG_ORD_ORGNO and ORGN_ODNO are required to revise or cancel");
        }
        Map<String, String> body = AccountFields.of(account);
        body.put("KRX_FWDG_ORD_ORGNO", orgNo);
        body.put("ORGN_ODNO", originalOrderNo);
        body.put("ORD_DVSN", division.code());
        body.put("RVSE_CNCL_DVSN_CD", reviseCancelCode);
        // "잔량전부 주문시 주문수량 0" (legacy sample comment): with QTY_ALL_ORD_YN Y the quantity is ignored as "0".
        body.put("ORD_QTY", allRemaining ? "0" : Long.toString(quantity));
        return body;
    }


    private OrderAck ack(KisResponse response) {
        ResponseFields output = ResponseFields.object(response.trId(), response.body(), "output");
        LocalDate today = LocalDate.now(clock.withZone(KST));
        return new OrderAck(output.identifier("KRX_FWDG_ORD_ORGNO"), output.identifier("ODNO"),
                today.atTime(output.time("ORD_TMD")).atZone(KST),
                response.body().path("msg_cd").asText(""), response.body().path("msg1").asText("").strip());
    }

    private static void putConditionPrice(Map<String, String> body, OrderDivision division, BigDecimal conditionPrice) {
        if (division == OrderDivision.STOP_LIMIT && conditionPrice == null) {
            throw new KisInvalidRequest("CNDT_PRIC is required for a stop-limit order (ORD_DVSN 22)");
        }
        if (conditionPrice != null) {
            body.put("CNDT_PRIC", won(conditionPrice, "CNDT_PRIC"));
        }
    }

    private static void putExchange(Map<String, String> body, OrderExchange exchange) {
        if (exchange != null) {
            body.put("EXCG_ID_DVSN_CD", exchange.code());
        }
    }

    private static String price(OrderDivision division, BigDecimal price, String field) {
        if (!division.needsPrice()) {
            return "0";
        }
        if (price.signum() <= 0) {
            throw new KisInvalidRequest(field + " must be positive for ORD_DVSN " + division.code());
        }
        return won(price, field);
    }

    /** Korean equities trade in whole won: "71900", never "71900.0". */
    private static String won(BigDecimal amount, String field) {
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 0 || amount.signum() < 0) {
            throw new KisInvalidRequest(field + " must be a whole, non-negative number of won");
        }
        return stripped.toPlainString();
    }

    private static String symbol(String symbol) {
        String trimmed = symbol.strip();
        if (trimmed.length() < 6 || trimmed.length() > 7 || !trimmed.chars().allMatch(Character::isLetterOrDigit)) {
            throw new KisInvalidRequest("PDNO must be a 6-character code (7 for ETN), got '" + trimmed + "'");
        }
        return trimmed;
    }

    private static void requirePositive(long quantity, String field) {
        if (quantity <= 0) {
            throw new KisInvalidRequest(field + " must be positive");
        }
    }
}
