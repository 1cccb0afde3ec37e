package kisgateway.app.health;

import java.util.List;
import java.util.Map;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.reconciliation.ReconciliationService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN until every account's first reconciliation succeeded (the gateway must not take orders on
 * books it has not compared with the broker); the message says why not, loudly. A later failed run keeps the
 * gateway ready (the books were right once; the next run retries) but is shown in the details.
 */
public final class ReconciliationHealthCheck extends AbstractHealthCheck {

    private final ReconciliationService service;
    private final KisAccounts accounts;

    public ReconciliationHealthCheck(ReconciliationService service, KisAccounts accounts) {
        super("kis-gateway", "reconciliation");
        this.service = service;
        this.accounts = accounts;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, ReconciliationService.RunRecord> runs = service.lastRuns();
        List<String> notYet = accounts.aliases().stream()
                .filter(a -> runs.get(a) == null || !runs.get(a).succeededOnce()).sorted().toList();
        runs.forEach((account, run) -> builder.detail(account, run.outcome()
                + (run.lastError() == null ? "" : ": " + run.lastError())));
        if (notYet.isEmpty()) {
            builder.up();
            return;
        }
        String why = notYet.stream().map(a -> runs.get(a) == null ? a + " (not run yet)"
                : a + " (" + runs.get(a).lastError() + ")").reduce((x, y) -> x + ", " + y).orElse("");
        builder.message("first reconciliation has not succeeded for " + why).down();
    }
}
