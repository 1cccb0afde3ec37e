package kisgateway.app.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hawtio in-process: the hawtio-default war on an embedded Jetty 12, with the war's own Jolokia reading the
 * platform MBean server, where Camel's and Artemis's MBeans live. Outside sim mode every path of it,
 * Jolokia included, requires the operator's credentials (HTTP Basic over loopback by default).
 */
public final class HawtioConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    private static final String ROLE = "operator";

    private final Server server;

    private HawtioConsole(Server server) {
        this.server = server;
    }

    /**
     * @param operator null to serve without authentication (sim mode only)
     */
    public static HawtioConsole start(Path war, String host, int port, OperatorLogin operator) {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("Hawtio war not found at " + war.toAbsolutePath()
                    + " (the build copies it to target/lib; set hawtio.war to point elsewhere)");
        }
        // Hawtio's own login needs a JAAS realm; the container's Basic authentication below is simpler and
        // covers Jolokia too. Offline: the console must not try to fetch anything from the internet.
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.offline", "true");
        System.setProperty("hawtio.disableProxy", "true");
        long started = System.nanoTime();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.toAbsolutePath().toString());
        webapp.setThrowUnavailableOnStartupException(true);
        // The war brings its own slf4j and log4j; without this its slf4j finds the gateway's logback and
        // complains that the provider is "not a subtype" (two copies of the slf4j API).
        webapp.addHiddenClassMatcher(new ClassMatcher("ch.qos.logback.", "org.slf4j."));
        if (operator != null) {
            webapp.setSecurityHandler(basicAuth(operator));
        }
        server.setHandler(webapp);
        server.setStopAtShutdown(false);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is the one worth reporting
            }
            throw new IllegalStateException("Hawtio did not start: " + e.getMessage(), e);
        }
        LOG.info("Hawtio started url=http://{}:{}/hawtio/ auth={} ms={}", host, connector.getLocalPort(),
                operator != null, (System.nanoTime() - started) / 1_000_000);
        return new HawtioConsole(server);
    }

    private static ConstraintSecurityHandler basicAuth(OperatorLogin operator) {
        UserStore users = new UserStore();
        users.addUser(operator.user(), new OperatorCredential(operator), new String[] {ROLE});
        HashLoginService login = new HashLoginService("kis-gateway");
        login.setUserStore(users);

        ConstraintMapping everything = new ConstraintMapping();
        everything.setPathSpec("/*");
        everything.setConstraint(Constraint.from(ROLE));

        BasicAuthenticator basic = new BasicAuthenticator();
        // RFC 7617: the challenge says charset="UTF-8", and the credentials are read as UTF-8 (browsers send it)
        basic.setCharset(StandardCharsets.UTF_8);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(basic);
        security.setRealmName("kis-gateway");
        security.setConstraintMappings(List.of(everything));
        return security;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
            LOG.info("Hawtio stopped");
        } catch (Exception e) {
            LOG.warn("Hawtio did not stop cleanly: {}", e.getMessage());
        }
    }
}
