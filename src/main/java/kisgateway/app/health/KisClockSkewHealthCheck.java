package kisgateway.app.health;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kisgateway.kis.http.KisClockSkew;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while KIS's clock and this host's disagree past {@code kis.clock-skew.alert-ms} for certain (see
 * {@link KisClockSkew}): an operator should mend the host's time synchronisation. UP, saying so, while no answer of
 * KIS has carried a Date.
 *
 * <p>Neither readiness nor liveness: reconciliation widens its matching window by the measured skew, so orders stay
 * safe, and out of service the instance would stop taking orders and cancels without the clock getting any better.
 */
public final class KisClockSkewHealthCheck extends AlertHealthCheck {

    private final KisClockSkew clockSkew;

    public KisClockSkewHealthCheck(KisClockSkew clockSkew) {
        super("kis-clock-skew");
        this.clockSkew = clockSkew;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("thresholdSeconds", seconds(clockSkew.alertAbove().toNanos() / 1e9));
        Optional<KisClockSkew.Estimate> estimate = clockSkew.estimate();
        if (estimate.isEmpty()) {
            builder.detail("skew", "unknown").up();
            return;
        }
        KisClockSkew.Estimate e = estimate.get();
        builder.detail("skewSeconds", seconds(e.skewSeconds())).detail("errorSeconds", seconds(e.errorSeconds()))
                .detail("samples", e.samples());
        if (e.beyond(clockSkew.alertAbove())) {
            builder.message("KIS's clock is " + seconds(Math.abs(e.skewSeconds())) + " s "
                    + (e.skewSeconds() < 0 ? "behind" : "ahead of") + " this host's (+/- " + seconds(e.errorSeconds())
                    + " s): check the host's time synchronisation; reconciliation allows for it").down();
        } else {
            builder.up();
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
