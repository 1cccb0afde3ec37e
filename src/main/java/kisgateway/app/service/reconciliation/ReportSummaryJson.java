package kisgateway.app.service.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kisgateway.reconcile.report.ReportSummary;

/** The kis.recon.reports message (docs/schemas/recon-report.schema.json). */
public final class ReportSummaryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSummaryJson() {
    }

    public static String of(ReportSummary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("tradingDate", s.tradingDate().toString());
        n.put("clean", s.clean());
        n.put("headline", s.headline());
        n.put("openBreaks", s.openBreaks());
        n.put("breaksOpenedToday", s.breaksOpenedToday());
        n.put("breaksResolvedToday", s.breaksResolvedToday());
        if (s.mttrSeconds() == null) {
            n.putNull("mttrSeconds");
        } else {
            n.put("mttrSeconds", s.mttrSeconds());
        }
        n.put("positionMismatches", s.positionMismatches());
        n.put("cashMismatches", s.cashMismatches());
        n.put("orders", s.orders());
        n.put("fills", s.fills());
        n.put("rejects", s.rejects());
        n.put("html", s.html().toAbsolutePath().toString());
        var csv = n.putArray("csv");
        s.csvFiles().forEach(p -> csv.add(p.toAbsolutePath().toString()));
        return n.toString();
    }
}
