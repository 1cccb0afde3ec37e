package kisgateway.app.routefiles;

import kisgateway.app.health.RouteReloadHealthCheck;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Installs {@link RouteFileReload} on the context, with its health check, where Camel Main would have installed
 * its own watcher ({@code camel.main.routes-reload-enabled}, which the application hands to Camel as false).
 */
public final class RouteReloading implements CamelConfiguration {

    private final String directory;
    private final String pattern;
    private final java.time.Duration settle;

    public RouteReloading(String directory, String pattern, java.time.Duration settle) {
        this.directory = directory;
        this.pattern = pattern;
        this.settle = settle;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        RouteFileReload reload = new RouteFileReload(directory, pattern, settle);
        context.addService(reload);
        context.getRegistry().bind("routeReloadHealthCheck", new RouteReloadHealthCheck(reload::failures));
    }
}
