package kisgateway.app.service.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import kisgateway.ops.appkeys.AppKeyLiveness;
import kisgateway.ops.appkeys.AppKeyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An app-key alert, raised once per crossing: one WARN line and the counter kis_appkey_alerts_total. */
public final class AppKeyAlertLine implements AppKeyLiveness.Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(AppKeyAlertLine.class);

    private final MeterRegistry meters;

    public AppKeyAlertLine(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void raise(AppKeyStatus status, AppKeyLiveness.AlertReason reason) {
        meters.counter("kis.appkey.alerts", "app_key", status.label(), "reason",
                reason.name().toLowerCase(Locale.ROOT)).increment();
        LOG.warn("event=appkey_alert reason={} app_key={} accounts={} expires_on={} expiry_days_left={} idle_days={} "
                        + "action=\"{}\"", reason, status.label(), String.join(",", status.accounts()), status.expiresOn(),
                status.expiryDaysLeft(), status.idle().toDays(), reason == AppKeyLiveness.AlertReason.EXPIRY
                        ? "renew the app key on the KIS portal and set its new expiry date"
                        : "use the key (kis.appkey.keep-alive does it with one inquiry) or KIS may deactivate it");
    }
}
