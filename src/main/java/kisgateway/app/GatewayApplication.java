package kisgateway.app;

import java.io.IOException;
import java.nio.file.Path;
import kisgateway.app.service.leadership.ClusterKeyMembership;
import kisgateway.app.config.ExposureRules;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.logging.SecretMask;
import kisgateway.app.console.HawtioConsole;
import kisgateway.app.console.OperatorAuthHttpServerFactory;
import kisgateway.app.console.OperatorCredentials;
import kisgateway.app.console.OperatorLogin;
import kisgateway.app.console.OperatorLogins;
import kisgateway.app.console.OperatorLoginsFile;
import kisgateway.app.console.OperatorLoginFile;
import kisgateway.app.wiring.GatewayInfrastructure;
import kisgateway.app.wiring.GatewayServices;
import org.apache.camel.CamelContext;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: infrastructure, then Camel Main with the YAML routes of {@code routes/}, then Hawtio.
 * {@link #close()} takes it down in the opposite order, draining in-flight exchanges first, so nothing that
 * was consumed is left half-processed when the broker and the database go.
 */
public final class GatewayApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

    private GatewayConfig config;
    private GatewayInfrastructure infrastructure;
    private final Main main;
    private HawtioConsole hawtio;
    private GatewayServices services;
    private volatile boolean closed;

    /** Starts a gateway; for a process that may be told to stop while starting, see {@link #GatewayApplication}. */
    public static GatewayApplication start(GatewayConfig config) throws Exception {
        GatewayApplication app = new GatewayApplication(config);
        app.start();
        return app;
    }

    /**
     * A gateway not started yet. {@link #close()} may be called from another thread at any time, during
     * {@link #start()} too: it waits for start to get to a safe point, then takes down what was started.
     */
    public GatewayApplication(GatewayConfig config) {
        this.config = config;
        this.main = new Main();
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy strategy) {
            // the launcher owns SIGTERM: it stops Camel, then Hawtio, broker and database, in that order
            strategy.disableHangupSupport();
        }
    }

    public synchronized void start() throws Exception {
        if (closed) {
            throw new IllegalStateException("the gateway was stopped before it started");
        }
        long started = System.nanoTime();
        config.secretValues().forEach(SecretMask::register);
        LOG.info("starting kis-gateway mode={} configDir={}", config.mode(), config.configDir());
        // before anything starts: what the mode may embed and where it may listen
        ExposureRules.check(config);
        try {
            infrastructure = GatewayInfrastructure.start(config);
            config = infrastructure.effectiveConfig();
            config.secretValues().forEach(SecretMask::register);
            OperatorLogins operator = operatorLogins();
            services = GatewayServices.create(config, infrastructure, operator);
            // before any route calls KIS: an instance running a shared app key otherwise than the cluster stops here
            ClusterKeyMembership clusterKeys = ClusterKeyMembership.join(config, services.kis(),
                    infrastructure.dataSource().dataSource());
            main.setDefaultPropertyPlaceholderLocation("false");
            java.util.Properties camelProperties = config.withoutSecrets();
            if (config.bool("camel.main.routes-reload-enabled")) {
                // the gateway's watcher in place of Camel Main's, which cannot reload a file of several routes
                camelProperties.setProperty("camel.main.routes-reload-enabled", "false");
                main.configure().addConfiguration(new kisgateway.app.routefiles.RouteReloading(
                        config.require("camel.main.routes-reload-directory"),
                        config.require("camel.main.routes-reload-pattern"),
                        java.time.Duration.ofMillis(config.integer("gateway.routes.reload-settle-ms"))));
            }
            main.setOverrideProperties(camelProperties);
            if (config.bool("gateway.operator.auth-required")) {
                // Camel Main takes the HTTP server factory from the registry: /q/* behind the operator login
                main.bind("operatorAuthHttpServerFactory", new OperatorAuthHttpServerFactory(operator, "/q/*"));
            }
            main.configure().addConfiguration(new GatewayCamelConfiguration(infrastructure, services));
            // before the context exists: camel-micrometer-prometheus serves /q/metrics from the registry bound as
            // metricsRegistry when it starts, and makes its own (without the gateway's kis.* meters) if none is
            main.bind("metricsRegistry", services.meters());
            main.bind("clusterKeyMembership", clusterKeys);
            // the HTTP server's Vert.x takes its options from the registry: workers for requests that wait
            main.bind("httpServerVertxOptions", new io.vertx.core.VertxOptions()
                    .setWorkerPoolSize(config.integer("gateway.http.worker-threads")));
            main.start();
            requireRoutes();
            kisgateway.app.adapter.api.UnsupportedMediaTypeAnswer.install(main.getCamelContext());
            kisgateway.app.health.OrderBreakerGauge.register(main.getCamelContext(), services.meters());
            if (config.bool("hawtio.enabled")) {
                hawtio = HawtioConsole.start(HawtioWarLocation.find(config), config.require("hawtio.host"),
                        config.integer("hawtio.port"), operator, config.path("hawtio.jolokia-policy"),
                        config.list("hawtio.allowed-origins"));
            }
            HeapAtRest.apply(config.integer("gateway.jvm.max-heap-free-percent"),
                    config.millis("gateway.jvm.idle-gc-interval-ms").toMillis(),
                    config.bool("gateway.jvm.trim-heap-after-start"));
        } catch (Exception | Error e) {
            stopAll();
            closed = true;
            throw e;
        }
        LOG.info("kis-gateway started mode={} http=http://{}:{} health=/q/health ms={}", config.mode(),
                config.require("gateway.http.host"), config.require("gateway.http.port"),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Camel starts happily with no route at all when the include pattern matches nothing (a wrong working
     * directory, a route directory that is a symbolic link, which Camel's file scanner does not follow): a gateway
     * that reports "started" and does nothing. It refuses to run instead.
     */
    private void requireRoutes() {
        if (main.getCamelContext().getRoutes().isEmpty()) {
            throw new kisgateway.app.config.ConfigurationException("no route was loaded from "
                    + config.require("camel.main.routes-include-pattern") + " (working directory "
                    + Path.of("").toAbsolutePath() + "): start the gateway where its routes/ directory is, or set"
                    + " camel.main.routes-include-pattern (a symbolic link to the directory is not followed)");
        }
    }

    /**
     * The configured operator and those of {@code gateway.operator.logins-file} (blank: none), every one a login of
     * its own: four eyes need two operators who are not the same login.
     */
    private OperatorLogins operatorLogins() throws IOException {
        OperatorLogin primary = operatorLogin();
        String file = config.string("gateway.operator.logins-file", "");
        if (file.isBlank()) {
            return OperatorLogins.of(primary);
        }
        try {
            return OperatorLogins.with(primary, OperatorLoginsFile.read(Path.of(file)));
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            throw new kisgateway.app.config.ConfigurationException("gateway.operator.logins-file: " + e.getMessage());
        }
    }

    /**
     * The operator login, in every mode: the management endpoints need it outside sim mode, Hawtio and the admin
     * API always. Its hash goes to {@code gateway.operator.auth-file} (replacing whatever an older version left
     * there, the password itself included) and is read back from it, so the file is what every check trusts.
     */
    private OperatorLogin operatorLogin() throws IOException {
        OperatorCredentials credentials;
        try {
            credentials = new OperatorCredentials(config.require("gateway.operator.user"),
                    config.exact("gateway.operator.password"));
        } catch (IllegalArgumentException e) {
            throw new kisgateway.app.config.ConfigurationException(e.getMessage());
        }
        Path file = config.path("gateway.operator.auth-file");
        OperatorLoginFile.write(file, OperatorLogin.hashing(credentials,
                config.integer("gateway.operator.password-hash-iterations")));
        return OperatorLoginFile.read(file);
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public GatewayInfrastructure infrastructure() {
        return infrastructure;
    }

    public GatewayServices services() {
        return services;
    }

    public GatewayConfig config() {
        return config;
    }

    public HawtioConsole hawtio() {
        return hawtio;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
    }

    private void stopAll() {
        long started = System.nanoTime();
        LOG.info("stopping kis-gateway: draining in-flight exchanges");
        if (hawtio != null) {
            hawtio.close();
        }
        try {
            main.stop();
            main.shutdown();
        } catch (Exception e) {
            LOG.warn("Camel did not stop cleanly: {}", e.getMessage());
        }
        if (services != null) {
            services.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        LOG.info("kis-gateway stopped ms={}", (System.nanoTime() - started) / 1_000_000);
    }
}
