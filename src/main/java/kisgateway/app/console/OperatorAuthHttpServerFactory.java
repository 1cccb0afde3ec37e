package kisgateway.app.console;

import io.vertx.ext.web.handler.BasicAuthHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel Main's operations server, with {@code /q/*} behind the operator login. Camel Main looks a
 * {@link MainHttpServerFactory} up in the registry before it falls back to its own; this one builds the servers as
 * Camel does and guards the path with {@link OperatorAuthentication} instead of Vert.x's properties file.
 */
public final class OperatorAuthHttpServerFactory implements MainHttpServerFactory {

    static final String REALM = "kis-gateway";

    private final DefaultMainHttpServerFactory servers = new DefaultMainHttpServerFactory();
    private final OperatorLogins login;
    private final String path;

    public OperatorAuthHttpServerFactory(OperatorLogins login, String path) {
        this.login = login;
        this.path = path;
    }

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties properties) {
        servers.setCamelContext(context);
        MainHttpServer server = (MainHttpServer) servers.newHttpServer(context, properties);
        guard(server.getConfiguration());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties properties) {
        servers.setCamelContext(context);
        ManagementHttpServer server = (ManagementHttpServer) servers.newHttpManagementServer(context, properties);
        guard(server.getConfiguration());
        return server;
    }

    private void guard(VertxPlatformHttpServerConfiguration configuration) {
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath(path);
        entry.setAuthenticationProviderFactory(vertx -> new OperatorAuthentication(vertx, login));
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> io.vertx.ext.web.handler.AuthenticationHandler
                    createAuthenticationHandler(T provider) {
                return BasicAuthHandler.create(provider, REALM);
            }
        });
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }
}
