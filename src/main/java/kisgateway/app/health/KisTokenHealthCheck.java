package kisgateway.app.health;

import java.util.List;
import java.util.Map;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.auth.AccessTokenService;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN while any account has no valid access token (no order could be sent for it). */
public final class KisTokenHealthCheck extends AbstractHealthCheck {

    private final KisAccounts accounts;
    private final AccessTokenService tokens;

    public KisTokenHealthCheck(KisAccounts accounts, AccessTokenService tokens) {
        super("kis-gateway", "kis-token");
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> missing = accounts.all().stream().filter(a -> !tokens.hasValidToken(a.appKey()))
                .map(a -> a.alias()).toList();
        builder.detail("accounts", accounts.aliases().size());
        if (missing.isEmpty()) {
            builder.up();
        } else {
            builder.message("no valid KIS access token for " + missing).detail("missing", String.join(",", missing)).down();
        }
    }
}
