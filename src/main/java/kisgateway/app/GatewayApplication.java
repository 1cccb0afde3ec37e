package kisgateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import kisgateway.app.cluster.ClusterKeyMembership;
import kisgateway.app.config.ExposureRules;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.logging.SecretMask;
import kisgateway.app.ops.HawtioConsole;
import kisgateway.app.ops.OperatorCredentials;
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
            services = GatewayServices.create(config, infrastructure);
            // before any route calls KIS: an instance running a shared app key otherwise than the cluster stops here
            ClusterKeyMembership clusterKeys = ClusterKeyMembership.join(config, services.kis(),
                    infrastructure.dataSource().dataSource());
            main.setDefaultPropertyPlaceholderLocation("false");
            main.setOverrideProperties(camelProperties());
            main.configure().addConfiguration(new GatewayCamelConfiguration(infrastructure, services));
            // before the context exists: camel-micrometer-prometheus serves /q/metrics from the registry bound as
            // metricsRegistry when it starts, and makes its own (without the gateway's kis.* meters) if none is
            main.bind("metricsRegistry", services.meters());
            main.bind("clusterKeyMembership", clusterKeys);
            main.start();
            requireRoutes();
            kisgateway.app.routing.UnsupportedMediaTypeAnswer.install(main.getCamelContext());
            if (config.bool("hawtio.enabled")) {
                hawtio = HawtioConsole.start(HawtioWarLocation.find(config), config.require("hawtio.host"),
                        config.integer("hawtio.port"), operatorCredentials());
            }
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

    /** What Camel sees: the configuration without secrets, plus the management authentication when required. */
    private Properties camelProperties() throws IOException {
        Properties p = config.withoutSecrets();
        OperatorCredentials operator = operatorCredentials();
        if (operator != null) {
            Path file = writeOperatorFile(operator, config.path("gateway.operator.auth-file"));
            // the management endpoints share the operations server: its authentication guards /q/*
            for (String server : new String[] {"camel.server.", "camel.management."}) {
                p.setProperty(server + "authentication-enabled", "true");
                p.setProperty(server + "authentication-path", "/q/*");
                p.setProperty(server + "basic-properties-file", file.toAbsolutePath().toString());
            }
        }
        return p;
    }

    private OperatorCredentials operatorCredentials() {
        if (!config.bool("gateway.operator.auth-required")) {
            return null;
        }
        return new OperatorCredentials(config.require("gateway.operator.user"), config.require("gateway.operator.password"));
    }

    /** Vert.x's properties authentication reads users from a file; it lives in data/, readable by the owner only. */
    private static Path writeOperatorFile(OperatorCredentials operator, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "user." + operator.user() + " = " + operator.password() + ",operator\n"
                + "role.operator = *\n");
        return file;
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
