package kisgateway.order;

import java.util.UUID;

/** A cancel or replace request as recorded: which order, and how it ended. */
public record OrderRequestRecord(String clientRequestId, UUID orderId, IntentKind kind, String state,
                                 String kisOrderNo, String reason) {
}
