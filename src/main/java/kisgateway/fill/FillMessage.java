package kisgateway.fill;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import kisgateway.order.OrderRecord;
import kisgateway.order.Side;

/**
 * One fill for kis.fills (docs/schemas/fill-event.schema.json): the report of the execution (id, the KIS order
 * it belongs to, time in KST, price, quantity), the instrument and side, and what the gateway knows besides
 * (its order, cumulative quantity, where the fill came from). Amounts and quantities are decimal strings. A late
 * notice whose shares a fill inferred before it already counted names that fill in {@code corrects}.
 */
public record FillMessage(String fillId, String account, String kisOrderNo, String symbol, String side, UUID orderId,
                          String json, int restatement, boolean correction) {

    /** Broker duplicate detection: the execution id, and for a restatement that id with its count. */
    public String duplicateId() {
        return restatement == 0 ? fillId : fillId + "/restated/" + restatement;
    }

    // written with a streaming generator: the relay builds one per fill on the ingest thread, and a node tree
    // plus its toString() cost three times the time and garbage (FillPipelineBench's allocation profile)
    private static final JsonFactory JSON = new JsonFactory();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    /**
     * A fill as its transaction recorded it, for the ingest to publish without reading the row back.
     *
     * @param order      the gateway's order the fill moved, null when it has none (yet): external
     * @param cumulative the order's filled quantity after the fill (0 without an order)
     */
    static FillMessage recorded(String fillId, String account, String kisOrderNo, String symbol, Side side,
                                long quantity, BigDecimal price, Instant occurredAt, FillSource source,
                                OrderRecord order, long cumulative) {
        return recorded(fillId, account, kisOrderNo, symbol, side, quantity, price, occurredAt, source, order, cumulative,
                List.of());
    }

    /** As {@link #recorded}, for a notice that took {@code corrections} from fills inferred before it. */
    static FillMessage recorded(String fillId, String account, String kisOrderNo, String symbol, Side side,
                                long quantity, BigDecimal price, Instant occurredAt, FillSource source,
                                OrderRecord order, long cumulative, List<FillCorrection> corrections) {
        // an order placed outside the gateway reads as external whether the reconciliation recorded it before its
        // fill came or not: its record is the gateway's bookkeeping, not a strategy's order
        OrderRecord ours = order == null || isExternal(order.origin()) ? null : order;
        return of(fillId, account, kisOrderNo, symbol, side.name(), quantity, price, occurredAt, cumulative, source.name(),
                ours == null ? null : ours.orderId(), ours == null ? null : ours.clientOrderId(),
                ours == null ? null : ours.quantity(), corrections, 0);
    }

    /** The origin orders placed outside the gateway are recorded with. */
    static boolean isExternal(String origin) {
        return "EXTERNAL".equals(origin);
    }

    static FillMessage of(String fillId, String account, String kisOrderNo, String symbol, String side, long quantity,
                          BigDecimal price, Instant occurredAt, long cumulative, String source, UUID orderId,
                          String clientOrderId, Long orderQuantity, List<FillCorrection> corrections,
                          int restatement) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("report");
            g.writeStringField("execution_id", fillId);
            g.writeObjectFieldStart("order_ref");
            g.writeStringField("provider", "KIS");
            g.writeStringField("order_id", kisOrderNo);
            g.writeStringField("account_id", account);
            g.writeEndObject();
            g.writeStringField("occurred_at", occurredAt.atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            g.writeStringField("price", price.stripTrailingZeros().toPlainString());
            g.writeStringField("quantity", Long.toString(quantity));
            g.writeEndObject();
            g.writeObjectFieldStart("instrument");
            g.writeStringField("symbol", symbol);
            g.writeEndObject();
            g.writeStringField("side", side);
            g.writeStringField("source", source);
            if (restatement > 0) {
                g.writeNumberField("restatement", restatement);
            }
            if (orderId != null) {
                g.writeStringField("gateway_order_id", orderId.toString());
                g.writeStringField("client_order_id", clientOrderId);
                g.writeStringField("cumulative_quantity", Long.toString(cumulative));
                g.writeStringField("order_quantity", orderQuantity == null ? null : Long.toString(orderQuantity));
            } else {
                // no order of this gateway: placed outside it (HTS, another system)
                g.writeBooleanField("external", true);
            }
            if (!corrections.isEmpty()) {
                g.writeArrayFieldStart("corrects");
                for (FillCorrection fc : corrections) {
                    g.writeStartObject();
                    g.writeStringField("execution_id", fc.inferredFillId());
                    g.writeStringField("quantity", Long.toString(fc.quantity()));
                    g.writeStringField("remaining_quantity", Long.toString(fc.remaining()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("fill " + fillId + " could not be written as JSON", e);
        }
        return new FillMessage(fillId, account, kisOrderNo, symbol, side, orderId, out.toString(), restatement,
                !corrections.isEmpty());
    }
}
