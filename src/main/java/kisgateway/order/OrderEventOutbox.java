package kisgateway.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Order events still to be published on kis.order.events, as messages. The events are committed with their
 * transitions; publishing reads them from here and marks each once the broker has it, so an event is never
 * lost to a crash between the two, and the duplicate-id header makes a re-publish harmless.
 */
public final class OrderEventOutbox {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcOrderStore store;

    public OrderEventOutbox(JdbcOrderStore store) {
        this.store = store;
    }

    public List<OrderEventMessage> pending(int limit) {
        return store.unpublishedEvents(limit).stream().map(OrderEventOutbox::message).toList();
    }

    public void markPublished(long eventId) {
        store.markPublished(eventId);
    }

    public void markPublished(List<Long> eventIds) {
        store.markPublished(eventIds);
    }

    static OrderEventMessage message(OrderEventRecord e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("orderId", e.orderId().toString());
        n.put("clientOrderId", e.clientOrderId());
        n.put("account", e.account());
        n.put("strategyId", e.strategyId());
        n.put("symbol", e.symbol());
        n.put("side", e.side());
        n.put("seq", e.seq());
        n.put("event", e.eventType());
        n.put("from", e.fromState());
        n.put("to", e.toState());
        n.put("cause", e.cause());
        // a SHADOW order's events are never a real order's: the body says so, and so does the property every event
        // carries, for a consumer's selector (shadow = false: real orders only)
        n.put("shadow", e.shadow());
        n.put("at", e.occurredAt().atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        try {
            n.set("detail", JSON.readTree(e.detailJson() == null ? "{}" : e.detailJson()));
            return new OrderEventMessage(e.eventId(), "order-event-" + e.eventId(), JSON.writeValueAsString(n),
                    e.orderId().toString(), e.account(), e.symbol(), e.side(), e.toState(), e.shadow());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new OrderStoreException("order event " + e.eventId() + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    /** One message for kis.order.events: the JSON body and the JMS properties subscribers select on. */
    public record OrderEventMessage(long eventId, String duplicateId, String json, String orderId, String account,
                                    String symbol, String side, String state, boolean shadow) {
    }
}
