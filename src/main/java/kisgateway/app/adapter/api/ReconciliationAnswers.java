package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import kisgateway.app.service.reconciliation.ReconciliationService;
import kisgateway.app.service.reconciliation.ReportSummaryJson;
import kisgateway.reconcile.report.ReportSummary;

/** The JSON answers of the on-demand reconciliation and report endpoints. */
public final class ReconciliationAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String runs(List<ReconciliationService.RunRecord> runs) {
        ArrayNode out = JSON.createArrayNode();
        for (ReconciliationService.RunRecord r : runs) {
            ObjectNode n = out.addObject();
            n.put("account", r.account());
            n.put("runId", r.runId());
            n.put("outcome", r.outcome());
            if (r.result() != null) {
                var c = r.result().counts();
                n.put("clean", r.result().clean());
                n.put("ordersCompared", c.ordersCompared());
                n.put("settled", c.settled());
                n.put("missingFills", c.missingFills());
                n.put("externalOrders", c.externalOrders());
                n.put("breaksOpened", c.breaksOpened());
                n.put("breaksStillOpen", c.breaksStillOpen());
                n.put("breaksResolved", c.breaksResolved());
            }
        }
        return out.toString();
    }

    public String report(ReportSummary summary) {
        return ReportSummaryJson.of(summary);
    }
}
