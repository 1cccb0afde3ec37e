package kisgateway.app.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kisgateway.ops.appkeys.AppKeyLiveness;
import kisgateway.ops.appkeys.AppKeyStoreException;
import kisgateway.ops.appkeys.AppKeyStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while an app key expires within {@code kis.appkey.expiry-warning-days} or has been idle past
 * {@code kis.appkey.idle-warning-days}: renew it on the KIS portal, or use it. Each key's days left and idle time
 * in the details. Not readiness: the key still works today, and taking instances out would mend nothing.
 */
public final class KisAppKeyHealthCheck extends AlertHealthCheck {

    private final AppKeyLiveness liveness;

    public KisAppKeyHealthCheck(AppKeyLiveness liveness) {
        super("kis-app-keys");
        this.liveness = liveness;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<AppKeyStatus> statuses;
        try {
            statuses = liveness.statuses();
        } catch (AppKeyStoreException e) {
            // the database check says why; this one must not turn /q/health into an error page
            builder.message("app keys not judged: their table could not be read").unknown();
            return;
        }
        List<String> warnings = new ArrayList<>();
        for (AppKeyStatus s : statuses) {
            String prefix = "appKey." + s.label() + ".";
            builder.detail(prefix + "accounts", String.join(",", s.accounts()));
            builder.detail(prefix + "expiresOn", s.expiresOn() == null ? "not configured" : s.expiresOn().toString());
            if (s.expiryDaysLeft() != null) {
                builder.detail(prefix + "expiryDaysLeft", s.expiryDaysLeft());
            }
            builder.detail(prefix + "idleSeconds", s.idle().toSeconds());
            builder.detail(prefix + "lastSuccess", s.lastSuccess() == null ? "none" : s.lastSuccess().toString());
            if (s.expiryWarning()) {
                warnings.add("app key " + s.label() + " expires " + s.expiresOn() + ": renew it on the KIS portal");
            }
            if (s.idleWarning()) {
                warnings.add("app key " + s.label() + " idle " + s.idle().toDays() + " days: KIS may deactivate it");
            }
        }
        if (warnings.isEmpty()) {
            builder.up();
        } else {
            builder.message(String.join("; ", warnings)).down();
        }
    }
}
