package kisgateway.order.parent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kisgateway.order.OrderStoreException;

/**
 * Parent-order events still to be published on kis.order.events, as messages beside the orders' own: the same
 * address and selector properties ({@code orderId} is the parent's id, {@code kind} = PARENT), so a strategy's one
 * subscription sees its parents and their children. Committed with the transitions, marked once the broker has them.
 */
public final class ParentEventOutbox {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcParentOrderStore store;

    public ParentEventOutbox(JdbcParentOrderStore store) {
        this.store = store;
    }

    public List<ParentEventMessage> pending(int limit) {
        return store.unpublishedEvents(limit).stream().map(ParentEventOutbox::message).toList();
    }

    public void markPublished(List<Long> eventIds) {
        store.markPublished(eventIds);
    }

    static ParentEventMessage message(ParentEventRecord e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "PARENT");
        n.put("eventId", e.eventId());
        n.put("orderId", e.parentOrderId().toString());
        n.put("clientOrderId", e.clientOrderId());
        n.put("account", e.account());
        n.put("strategyId", e.strategyId());
        n.put("symbol", e.symbol());
        n.put("side", e.side());
        n.put("algorithm", e.algorithm().wireName());
        n.put("seq", e.seq());
        n.put("event", e.eventType());
        n.put("from", e.fromState());
        n.put("to", e.toState());
        n.put("cause", e.cause());
        n.put("shadow", false);
        n.put("at", e.occurredAt().atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        try {
            n.set("detail", JSON.readTree(e.detailJson() == null ? "{}" : e.detailJson()));
            return new ParentEventMessage(e.eventId(), "parent-order-event-" + e.eventId(), JSON.writeValueAsString(n),
                    e.parentOrderId().toString(), e.account(), e.symbol(), e.side(), e.toState());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new OrderStoreException("parent order event " + e.eventId() + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    /** One message for kis.order.events: the JSON body and the JMS properties subscribers select on. */
    public record ParentEventMessage(long eventId, String duplicateId, String json, String orderId, String account,
                                     String symbol, String side, String state) {
    }
}
