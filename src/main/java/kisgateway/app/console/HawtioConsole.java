package kisgateway.app.console;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
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
 * platform MBean server, where Camel's and Artemis's MBeans live. Every path of it, Jolokia included, requires the
 * operator login in every mode, sim too: Jolokia can stop routes and move the kill switches, and a browser that
 * never logged in could not be asked to halfway. What Jolokia may do is the access policy ({@link JolokiaAccessPolicy}).
 */
public final class HawtioConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    private static final String ROLE = "operator";
    private static final String REALM = "kis-gateway";

    private final Server server;
    private final Path policy;

    private HawtioConsole(Server server, Path policy) {
        this.server = server;
        this.policy = policy;
    }

    /**
     * @param policyTemplate  the Jolokia access policy without its origins ({@code hawtio.jolokia-policy})
     * @param allowedOrigins  origins allowed to call Jolokia from a browser; empty: the console's own
     */
    public static HawtioConsole start(Path war, String host, int port, OperatorLogins operator, Path policyTemplate,
                                      List<String> allowedOrigins) {
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
        Path policy = null;
        try {
            // bound before the policy is written: the console's own origin carries the port it really got
            connector.open();
            List<String> origins = allowedOrigins.isEmpty() ? ownOrigins(host, connector.getLocalPort()) : allowedOrigins;
            policy = Files.createTempFile("kis-gateway-jolokia-access-", ".xml");
            JolokiaAccessPolicy.of(policyTemplate, origins).write(policy);

            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath("/hawtio");
            webapp.setWar(war.toAbsolutePath().toString());
            webapp.setThrowUnavailableOnStartupException(true);
            // The war brings its own slf4j and log4j; without this its slf4j finds the gateway's logback and
            // complains that the provider is "not a subtype" (two copies of the slf4j API).
            webapp.addHiddenClassMatcher(new ClassMatcher("ch.qos.logback.", "org.slf4j."));
            // Jolokia reads its configuration from the servlet's parameters, then the context's: the context's win,
            // over the war's web.xml and over any -Djolokia.* that Hawtio's servlet would pick up
            webapp.setInitParameter("policyLocation", policy.toUri().toString());
            webapp.setSecurityHandler(basicAuth(operator));
            webapp.addFilter(new FilterHolder(new ConsoleOperatorFilter()), "/jolokia/*",
                    EnumSet.of(DispatcherType.REQUEST));
            // deployed by the first request to the console (DeployedOnFirstRequest): not in the gateway's start
            server.setHandler(new DeployedOnFirstRequest(webapp, "Hawtio"));
            server.setStopAtShutdown(false);
            server.setStopTimeout(5_000);
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is the one worth reporting
            }
            deleteQuietly(policy);
            if (e instanceof kisgateway.app.config.ConfigurationException configuration) {
                throw configuration;
            }
            throw new IllegalStateException("Hawtio did not start: " + e.getMessage(), e);
        }
        LOG.info("Hawtio listening url=http://{}:{}/hawtio/ auth=operator deploy=on-first-request ms={}", host,
                connector.getLocalPort(), (System.nanoTime() - started) / 1_000_000);
        return new HawtioConsole(server, policy);
    }

    /** The console's own origins: as it is bound, and "localhost" for a loopback or wildcard address. */
    static List<String> ownOrigins(String host, int port) {
        List<String> origins = new ArrayList<>();
        boolean wildcard = host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        if (wildcard) {
            // reached under some name of this machine that only the operator knows: hawtio.allowed-origins says it
            origins.add("http://127.0.0.1:" + port);
        } else {
            origins.add("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
        }
        if (wildcard || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]")) {
            origins.add("http://localhost:" + port);
        }
        return origins;
    }

    private static ConstraintSecurityHandler basicAuth(OperatorLogins operators) {
        UserStore users = new UserStore();
        for (OperatorLogin operator : operators.all()) {
            users.addUser(operator.user(), new OperatorCredential(operator), new String[] {ROLE});
        }
        HashLoginService login = new HashLoginService(REALM);
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
        security.setRealmName(REALM);
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
        deleteQuietly(policy);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Jolokia policy file not deleted file={} reason={}", file, e.getMessage());
        }
    }
}
