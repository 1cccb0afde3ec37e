package kisgateway.app.adapter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import kisgateway.app.logging.SecretMask;
import kisgateway.order.InvalidIntentException;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderAmender;
import kisgateway.order.OrderRecord;
import kisgateway.order.StrategyPermissions;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST order API's answers: an order as JSON, and a failure as a status with its reason. The mapping of
 * failures to statuses is here once: bad input 400, no or wrong API key 401, a strategy outside its accounts or
 * a refused cancel 403 (and an operator approving their own promotion), an unknown order 404, a reused client order
 * id with other content 409 (and a rollout change the phases moved under), a database that did
 * not answer within its bounds 503, anything else 500 (the reason masked, never a stack trace).
 */
public final class OrderApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(OrderApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final JdbcOrderStore orders;
    private final DatabaseStall databaseStall;

    public OrderApiResponses(JdbcOrderStore orders, DatabaseStall databaseStall) {
        this.orders = orders;
        this.databaseStall = databaseStall;
    }

    /** The order an intent produced (or found), 409 when its client order id was reused for other content. */
    public ApiResponse order(OrderRecord answered, Boolean conflicting) {
        OrderRecord order = orders.durable(answered);
        if (Boolean.TRUE.equals(conflicting)) {
            ObjectNode n = view(order);
            n.put("error", "clientOrderId " + order.clientOrderId() + " already names a different order");
            return new ApiResponse(409, n.toString());
        }
        return new ApiResponse(200, view(order).toString());
    }

    /**
     * GET /api/orders/{id}: by order id (UUID) or by client order id. A strategy sees only its own orders: another
     * strategy's is answered exactly as no order at all, so a strategy cannot even learn that it exists. The
     * operator sees every strategy's; a client order id that several strategies used is a 409 that lists their
     * orders, to be asked for by order id.
     */
    public ApiResponse find(OrderReader reader, String id) {
        java.util.Optional<OrderRecord> byId = parseUuid(id).flatMap(orders::byId).filter(o -> reader.maySee(o.strategyId()));
        if (byId.isPresent()) {
            return new ApiResponse(200, view(orders.durable(byId.get())).toString());
        }
        if (!reader.isOperator()) {
            OrderRecord own = orders.byClientOrderId(reader.strategyId(), id)
                    .orElseThrow(() -> new NotFound("no order '" + id + "'"));
            return new ApiResponse(200, view(orders.durable(own)).toString());
        }
        java.util.List<OrderRecord> all = orders.allByClientOrderId(id);
        if (all.isEmpty()) {
            throw new NotFound("no order '" + id + "'");
        }
        if (all.size() == 1) {
            return new ApiResponse(200, view(orders.durable(all.get(0))).toString());
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("status", 409);
        n.put("error", "clientOrderId '" + id + "' names orders of " + all.size() + " strategies; ask by orderId");
        com.fasterxml.jackson.databind.node.ArrayNode list = n.putArray("orders");
        for (OrderRecord o : all) {
            orders.durable(o);
            list.addObject().put("orderId", o.orderId().toString()).put("strategyId", o.strategyId());
        }
        return new ApiResponse(409, n.toString());
    }

    public ApiResponse failure(Throwable thrown) {
        java.util.Optional<String> unanswered = databaseStall.reason(thrown);
        if (unanswered.isPresent()) {
            return databaseUnanswered(thrown, unanswered.get());
        }
        Throwable e = meaningful(thrown);
        if (e instanceof org.apache.camel.ExchangeTimedOutException) {
            return leaderUnanswered();
        }
        if (leaderUnreachable(thrown)) {
            return status(503, "the request for the KIS leader did not reach the broker: nothing was sent to KIS; "
                    + "it may be sent again");
        }
        int status;
        if (e instanceof StrategyPermissions.NotAuthenticated) {
            status = 401;
        } else if (e instanceof StrategyPermissions.NotPermitted || e instanceof OrderAmender.OrderDeniedException) {
            status = 403;
        } else if (e instanceof kisgateway.risk.rollout.SecondOperatorRequired) {
            status = 403;
        } else if (e instanceof NotFound || e instanceof kisgateway.risk.rollout.UnknownPendingChange
                || e instanceof kisgateway.order.masscancel.UnknownMassCancel) {
            status = 404;
        } else if (e instanceof kisgateway.risk.rollout.RolloutConflict) {
            status = 409;
        } else if (e instanceof InvalidIntentException || e instanceof JsonValidationException
                || e instanceof IllegalArgumentException
                || e instanceof JsonProcessingException) {
            // a body that is not JSON at all is bad input as much as one that breaks the schema
            status = 400;
        } else {
            status = 500;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("status", status);
        n.put("error", SecretMask.mask(reason(e, status)));
        if (e instanceof OrderAmender.OrderDeniedException d) {
            n.put("rule", d.rule());
        }
        return new ApiResponse(status, n.toString());
    }

    /**
     * 504: this instance forwarded the request to the KIS leader and heard nothing back in time. The leader may
     * have taken it (a leader that died mid-way, a stalled one): its outcome is unknown here, never doubled.
     */
    private static ApiResponse leaderUnanswered() {
        LOG.warn("order API answered 504: the KIS leader did not answer a forwarded request in time");
        return status(504, "forwarded to the KIS leader, which did not answer in time: the outcome is unknown. Read "
                + "GET /api/orders/{clientOrderId}, or send the intent again under the same clientOrderId (the "
                + "gateway never makes a second order of it)");
    }

    /** A JMS failure on the way out: the broker refused or dropped the forward before the leader could have it. */
    private static boolean leaderUnreachable(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof jakarta.jms.JMSException || t instanceof org.springframework.jms.JmsException) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponse status(int status, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", status);
        n.put("error", reason);
        return new ApiResponse(status, n.toString());
    }

    /** 503: the database did not answer within its bounds (or could not be reached); the reason says it all. */
    private static ApiResponse databaseUnanswered(Throwable thrown, String reason) {
        LOG.warn("order API answered 503: database unanswered reason=\"{}\" failure={}", reason,
                SecretMask.mask(String.valueOf(thrown.getMessage())));
        ObjectNode n = JSON.createObjectNode();
        n.put("status", 503);
        n.put("error", reason);
        return new ApiResponse(503, n.toString());
    }

    /** Camel wraps what a bean threw (bean expressions, type conversion): answer for the bean's own exception. */
    private static Throwable meaningful(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof org.apache.camel.RuntimeCamelException
                || t instanceof org.apache.camel.CamelExecutionException
                || t.getClass().getName().startsWith("org.apache.camel."))) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The reason a caller reads. Only what the gateway itself wrote is passed on: a database's or a library's text
     * (PostgreSQL's "numeric field overflow", a Java class name) tells a caller about the inside of the gateway and
     * nothing about the request. It goes to the log under a reference the answer gives.
     */
    private static String reason(Throwable e, int status) {
        if (e instanceof JsonValidationException v) {
            StringBuilder sb = new StringBuilder("intent does not match its schema:");
            v.getErrors().forEach(err -> sb.append(' ').append(err.getMessage()).append(';'));
            return sb.toString();
        }
        if (e instanceof JsonProcessingException) {
            return "the body is not valid JSON";
        }
        if (status != 500 && writtenByTheGateway(e) && e.getMessage() != null) {
            return e.getMessage();
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        if (status == 500) {
            LOG.error("order API failure ref={} type={} reason={}", ref, e.getClass().getName(),
                    SecretMask.mask(String.valueOf(e.getMessage())));
            return "internal error (ref " + ref + "); the gateway's log has the details";
        }
        LOG.warn("order API refusal ref={} status={} type={} reason={}", ref, status, e.getClass().getName(),
                SecretMask.mask(String.valueOf(e.getMessage())));
        return "the request is malformed (ref " + ref + ")";
    }

    /** A refusal of the gateway's own: its type, or where it was thrown, is in the gateway's code. */
    private static boolean writtenByTheGateway(Throwable e) {
        StackTraceElement[] at = e.getStackTrace();
        return e.getClass().getName().startsWith("kisgateway.")
                || at.length > 0 && at[0].getClassName().startsWith("kisgateway.");
    }

    static ObjectNode view(OrderRecord o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("orderId", o.orderId().toString());
        n.put("clientOrderId", o.clientOrderId());
        n.put("account", o.account());
        n.put("strategyId", o.strategyId());
        n.put("symbol", o.symbol());
        n.put("side", o.side().name());
        n.put("orderType", o.orderType() == null ? null : o.orderType().code());
        n.put("exchange", o.exchange().name());
        n.put("quantity", o.quantity());
        n.put("price", o.price() == null ? null : o.price().toPlainString());
        n.put("state", o.state().name());
        n.put("filledQuantity", o.filledQuantity());
        n.put("avgFillPrice", o.avgFillPrice() == null ? null : o.avgFillPrice().stripTrailingZeros().toPlainString());
        n.put("kisOrderNo", o.kisOrderNo());
        n.put("rejectCode", o.rejectCode());
        n.put("rejectReason", o.rejectReason());
        n.put("createdAt", o.createdAt().atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        n.put("updatedAt", o.updatedAt().atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return n;
    }

    private static java.util.Optional<UUID> parseUuid(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** An HTTP status and a JSON body. */
    public record ApiResponse(int status, String json) {
    }

    /** The order asked for does not exist (404). */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
