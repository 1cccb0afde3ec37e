package kisgateway.app.health;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * An edited route file that did not load: the gateway trades on that file's previous routes, and says so here
 * (and in Hawtio's health view) until the file loads. Alert only: taking the instance out of service for a typo
 * in a route file would stop cancels too.
 */
public final class RouteReloadHealthCheck extends AlertHealthCheck {

    private final Supplier<Map<String, String>> failures;

    public RouteReloadHealthCheck(Supplier<Map<String, String>> failures) {
        super("route-reload");
        this.failures = failures;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> failed = failures.get();
        if (failed.isEmpty()) {
            builder.up();
            return;
        }
        failed.forEach((file, reason) -> builder.detail(file, plain(reason)));
        Map.Entry<String, String> first = failed.entrySet().iterator().next();
        builder.message(plain(failed.size() + " route file(s) did not load and run their previous routes: "
                + first.getKey() + ": " + first.getValue())).down();
    }

    /** Camel's /q/health writes messages into its JSON as they are: no quotes, no line breaks. */
    private static String plain(String text) {
        return text.replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n]+", " ");
    }
}
