package kisgateway.fill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One fill for kis.fills (docs/schemas/fill-event.schema.json): the report of the execution (id, the KIS order
 * it belongs to, time in KST, price, quantity), the instrument and side, and what the gateway knows besides
 * (its order, cumulative quantity, where the fill came from). Amounts and quantities are decimal strings.
 */
public record FillMessage(String fillId, String account, String kisOrderNo, String symbol, String side, UUID orderId,
                          String json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    static FillMessage of(String fillId, String account, String kisOrderNo, String symbol, String side, long quantity,
                          BigDecimal price, Instant occurredAt, long cumulative, String source, UUID orderId,
                          String clientOrderId, Long orderQuantity) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode report = root.putObject("report");
        report.put("execution_id", fillId);
        ObjectNode ref = report.putObject("order_ref");
        ref.put("provider", "KIS");
        ref.put("order_id", kisOrderNo);
        ref.put("account_id", account);
        report.put("occurred_at", occurredAt.atZone(KST).toOffsetDateTime().toString());
        report.put("price", price.stripTrailingZeros().toPlainString());
        report.put("quantity", Long.toString(quantity));
        root.putObject("instrument").put("symbol", symbol);
        root.put("side", side);
        root.put("source", source);
        if (orderId != null) {
            root.put("gateway_order_id", orderId.toString());
            root.put("client_order_id", clientOrderId);
            root.put("cumulative_quantity", Long.toString(cumulative));
            root.put("order_quantity", Long.toString(orderQuantity));
        } else {
            // no order of this gateway: placed outside it (HTS, another system)
            root.put("external", true);
        }
        return new FillMessage(fillId, account, kisOrderNo, symbol, side, orderId, root.toString());
    }
}
