package kisgateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.logging.SecretMask;
import kisgateway.app.ops.HawtioConsole;
import kisgateway.app.ops.OperatorCredentials;
import org.apache.camel.CamelContext;
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

    private final GatewayConfig config;
    private final GatewayInfrastructure infrastructure;
    private final Main main;
    private HawtioConsole hawtio;
    private volatile boolean closed;

    private GatewayApplication(GatewayConfig config, GatewayInfrastructure infrastructure, Main main) {
        this.config = config;
        this.infrastructure = infrastructure;
        this.main = main;
    }

    public static GatewayApplication start(GatewayConfig config) throws Exception {
        long started = System.nanoTime();
        config.secretValues().forEach(SecretMask::register);
        LOG.info("starting kis-gateway mode={} configDir={}", config.mode(), config.configDir());
        GatewayInfrastructure infrastructure = GatewayInfrastructure.start(config);
        Main main = new Main();
        GatewayApplication app = new GatewayApplication(config, infrastructure, main);
        try {
            main.setDefaultPropertyPlaceholderLocation("false");
            main.setOverrideProperties(app.camelProperties());
            main.configure().addConfiguration(new GatewayCamelConfiguration(infrastructure));
            main.start();
            if (config.bool("hawtio.enabled")) {
                app.hawtio = HawtioConsole.start(HawtioWarLocation.find(config), config.require("hawtio.host"),
                        config.integer("hawtio.port"), app.operatorCredentials());
            }
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
        LOG.info("kis-gateway started mode={} http=http://{}:{} health=/q/health ms={}", config.mode(),
                config.require("gateway.http.host"), config.require("gateway.http.port"),
                (System.nanoTime() - started) / 1_000_000);
        return app;
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
        infrastructure.close();
        LOG.info("kis-gateway stopped ms={}", (System.nanoTime() - started) / 1_000_000);
    }
}
