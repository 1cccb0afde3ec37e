package kisgateway.app.service.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A break for kis.recon.breaks (docs/schemas/recon-break.schema.json): what drifted, with both sides' evidence. */
public record BreakMessage(long breakId, String account, String kind, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BreakMessage of(long breakId, String account, String kind, String subject, String summary, Instant openedAt,
                           long runId, String localEvidence, String brokerEvidence) {
        ObjectNode n = JSON.createObjectNode();
        n.put("breakId", breakId);
        n.put("account", account);
        n.put("kind", kind);
        n.put("subject", subject);
        n.put("summary", summary);
        n.put("openedAt", openedAt.atZone(ZoneId.of("Asia/Seoul")).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        n.put("runId", runId);
        try {
            n.set("local", JSON.readTree(localEvidence));
            n.set("broker", JSON.readTree(brokerEvidence));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new BreakMessage(breakId, account, kind, n.toString());
    }
}
