package kisgateway.app.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kisgateway.app.service.jobs.DrillJob;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The kill-switch drill in /q/health (alert only): DOWN while no drill of the drill account has passed within
 * ops.drill.max-age-days (a missed or failed week), or while the latest drill this instance ran failed.
 */
public final class DrillHealthCheck extends AlertHealthCheck {

    private final DrillJob job;
    private final Clock clock;

    public DrillHealthCheck(DrillJob job, Clock clock) {
        super("kill-switch-drill");
        this.job = job;
        this.clock = clock;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Duration maxAge = job.settings().maxAge();
        Optional<Instant> passed = job.lastPassed();
        builder.detail("account", job.settings().account());
        passed.ifPresent(at -> builder.detail("lastPassed", at.toString()));
        var latest = job.latest();
        if (latest.isPresent() && !latest.get().passed()) {
            builder.message("the latest kill-switch drill failed at " + latest.get().failedStep() + ": "
                    + latest.get().detail().replace('"', '\'').replaceAll("[\\r\\n]+", " ")).down();
        } else if (passed.isEmpty() || passed.get().isBefore(clock.instant().minus(maxAge))) {
            builder.message("no kill-switch drill passed within " + maxAge.toDays() + " days (ops.drill.max-age-days)")
                    .down();
        } else {
            builder.up();
        }
    }
}
