package kisgateway.app.wiring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import kisgateway.app.adapter.api.AppKeyAnswers;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.health.KisAppKeyHealthCheck;
import kisgateway.app.service.jobs.AppKeyAlertLine;
import kisgateway.app.service.jobs.AppKeyExpiries;
import kisgateway.app.service.jobs.InquiryKeepAlive;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.ops.appkeys.AppKeyActivity;
import kisgateway.ops.appkeys.AppKeyLiveness;
import kisgateway.ops.appkeys.AppKeyStatus;
import kisgateway.ops.appkeys.AppKeyThresholds;
import kisgateway.ops.appkeys.JdbcAppKeyLedger;
import kisgateway.risk.Exchange;
import kisgateway.risk.session.KrxSessionCalendar;

/**
 * App-key liveness from {@code kis.appkey.*} and each account's {@code app-key-expires}: the job, its health check,
 * its gauges (kis_appkey_expiry_days_left, kis_appkey_idle_seconds) and the operator API's answers, by bean name.
 */
public final class AppKeyLivenessWiring {

    private AppKeyLivenessWiring() {
    }

    public static AppKeyLiveness wire(GatewayConfig config, KisAccounts accounts, DataSource dataSource,
                                      AppKeyActivity activity, KisInquiryApi inquiry, KrxSessionCalendar calendar,
                                      MeterRegistry meters, Clock clock, Map<String, Object> beans) {
        AppKeyThresholds thresholds;
        try {
            thresholds = new AppKeyThresholds(config.integer("kis.appkey.expiry-warning-days"),
                    config.integer("kis.appkey.idle-warning-days"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("kis.appkey.expiry-warning-days / idle-warning-days: " + e.getMessage());
        }
        Optional<AppKeyLiveness.KeepAlive> keepAlive = config.bool("kis.appkey.keep-alive")
                ? Optional.of(new InquiryKeepAlive(inquiry, accounts, config.require("kis.appkey.keep-alive-symbol")))
                : Optional.empty();
        AppKeyLiveness liveness = new AppKeyLiveness(AppKeyExpiries.keys(config, accounts, clock),
                new JdbcAppKeyLedger(dataSource), activity, thresholds,
                Duration.ofHours(config.longValue("kis.appkey.check-interval-hours")),
                at -> calendar.sessionAt(at, Exchange.KRX).open(), keepAlive, new AppKeyAlertLine(meters), clock);
        liveness.track();
        for (AppKeyLiveness.Key key : liveness.keys()) {
            Gauge.builder("kis.appkey.expiry.days.left", liveness, l -> daysLeft(l, key.keyId()))
                    .description("whole days until the app key's service expires (KST; NaN when not configured)")
                    .tag("app_key", key.label()).register(meters);
            Gauge.builder("kis.appkey.idle.seconds", liveness, l -> idleSeconds(l, key.keyId()))
                    .description("seconds since the app key's last successful KIS call (or since first seen)")
                    .baseUnit("seconds").tag("app_key", key.label()).register(meters);
        }
        beans.put("appKeyLiveness", liveness);
        beans.put("kisAppKeyHealthCheck", new KisAppKeyHealthCheck(liveness));
        beans.put("appKeyAnswers", new AppKeyAnswers(liveness));
        return liveness;
    }

    /** The report's app-key table. */
    public static java.util.List<kisgateway.reconcile.report.DailyReport.AppKeyLine> reportLines(AppKeyLiveness liveness) {
        return liveness.statuses().stream().map(s -> new kisgateway.reconcile.report.DailyReport.AppKeyLine(s.label(),
                String.join(" ", s.accounts()), s.expiresOn(), s.expiryDaysLeft(), s.lastSuccess(), s.idle().toSeconds(),
                s.expiryWarning() || s.idleWarning())).toList();
    }

    private static double daysLeft(AppKeyLiveness liveness, String keyId) {
        return status(liveness, keyId).map(AppKeyStatus::expiryDaysLeft).map(Long::doubleValue).orElse(Double.NaN);
    }

    private static double idleSeconds(AppKeyLiveness liveness, String keyId) {
        return status(liveness, keyId).map(s -> (double) s.idle().toSeconds()).orElse(Double.NaN);
    }

    private static Optional<AppKeyStatus> status(AppKeyLiveness liveness, String keyId) {
        try {
            return liveness.statuses().stream().filter(s -> s.keyId().equals(keyId)).findFirst();
        } catch (RuntimeException e) {
            // a scrape while the database is away shows a gap, not an error page
            return Optional.empty();
        }
    }
}
