package kisgateway.app.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import kisgateway.app.broker.BrokerConnection;
import kisgateway.app.broker.BrokerLogin;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.db.DatabaseTimeouts;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.app.db.GatewayDataSource;
import kisgateway.app.logging.SecretMask;
import kisgateway.app.simulator.EmbeddedSimulator;
import kisgateway.app.simulator.SimulatorClockSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routes stand on: the database (embedded PostgreSQL in sim mode, else the configured server), the
 * message broker (embedded Artemis in sim mode, else the configured one) and their client pools, and in sim
 * mode the KIS simulator. The database and the broker start side by side (neither needs the other), then the
 * simulator; closed in reverse, each part on its own so one failure does not leak the others.
 */
public final class GatewayInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayInfrastructure.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedDatabase embeddedDatabase;
    private GatewayDataSource dataSource;
    private EmbeddedBroker embeddedBroker;
    private BrokerConnection brokerConnection;
    private EmbeddedSimulator simulator;
    private GatewayConfig effectiveConfig;
    private Clock clock = Clock.systemUTC();

    private GatewayInfrastructure() {
    }

    public static GatewayInfrastructure start(GatewayConfig config) {
        GatewayInfrastructure infra = new GatewayInfrastructure();
        try {
            infra.effectiveConfig = config;
            infra.startDatabaseAndBroker(config);
            infra.startSimulator(config);
            return infra;
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    /**
     * The database (a process of its own, then the migrations) and the broker (in this JVM) need nothing of each
     * other: started side by side they cost about the longer of the two, not the sum (bench/startup.sh, median of
     * three on the slow machine of 2026-12-03: 14.3 s to health against 15.8 s one after the other). Both have
     * finished, well or not, before this returns, so a failure of either leaves what did start to {@link #close()}.
     */
    private void startDatabaseAndBroker(GatewayConfig config) {
        java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "broker-start");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.Future<?> broker = side.submit(() -> startBroker(config));
            RuntimeException failure = null;
            try {
                startDatabase(config);
            } catch (RuntimeException e) {
                failure = e;
            }
            // waited for even when interrupted: a broker that finished starting after close() would be left running
            boolean interrupted = false;
            while (true) {
                try {
                    broker.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    RuntimeException brokerFailure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("the embedded broker did not start", e.getCause());
                    if (failure == null) {
                        failure = brokerFailure;
                    } else {
                        failure.addSuppressed(brokerFailure);
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while the database and the broker started");
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            side.shutdown();
        }
    }

    private void startDatabase(GatewayConfig config) {
        String url;
        String user;
        String password;
        if (config.bool("db.embedded")) {
            embeddedDatabase = EmbeddedDatabase.start(dataDir(config, "db.embedded.data-dir"), config.integer("db.embedded.port"),
                    config.bool("db.embedded.durable"), Duration.ofSeconds(config.integer("db.embedded.lock-wait-seconds")));
            remember(embeddedDatabase);
            // the credentials the embedded cluster was made with; db.user and db.password are for a server of one's own
            url = embeddedDatabase.jdbcUrl();
            user = embeddedDatabase.user();
            password = embeddedDatabase.password();
            SecretMask.register(password);
        } else {
            url = config.require("db.url");
            user = config.require("db.user");
            password = config.string("db.password", "");
        }
        dataSource = GatewayDataSource.connect(url, user, password,
                config.integer("db.pool.max-size"), databaseTimeouts(config));
        remember(dataSource);
    }

    static DatabaseTimeouts databaseTimeouts(GatewayConfig config) {
        try {
            return databaseTimeoutsOf(config);
        } catch (IllegalArgumentException e) {
            throw new kisgateway.app.config.ConfigurationException("db timeouts: " + e.getMessage());
        }
    }

    private static DatabaseTimeouts databaseTimeoutsOf(GatewayConfig config) {
        return new DatabaseTimeouts(Duration.ofSeconds(config.integer("db.socket-timeout-seconds")),
                Duration.ofMillis(config.longValue("db.statement-timeout-ms")),
                Duration.ofMillis(config.longValue("db.lock-timeout-ms")),
                Duration.ofSeconds(config.integer("db.connect-timeout-seconds")),
                Duration.ofMillis(config.longValue("db.pool.connection-timeout-ms")),
                Duration.ofMillis(config.longValue("db.pool.validation-timeout-ms")));
    }

    private void startBroker(GatewayConfig config) {
        String user = config.string("broker.user", null);
        String password = config.string("broker.password", null);
        if (config.bool("broker.embedded")) {
            embeddedBroker = EmbeddedBroker.start(config.path("broker.embedded.config"),
                    dataDir(config, "broker.embedded.data-dir"), config.integer("broker.embedded.vm-id"),
                    config.require("broker.embedded.host"), config.integer("broker.embedded.port"));
            remember(embeddedBroker);
            // the gateway's user of the embedded broker; broker.user and broker.password are for a broker of one's own
            BrokerLogin login = embeddedBroker.users().gateway();
            user = login.user();
            password = login.password();
            SecretMask.register(password);
        }
        brokerConnection = new BrokerConnection(config.require("broker.url"), user, password,
                config.integer("broker.pool.max-connections"), config.integer("broker.pool.max-sessions-per-connection"));
        remember(brokerConnection);
    }

    private void startSimulator(GatewayConfig config) {
        if (config.bool("sim.embedded")) {
            simulator = EmbeddedSimulator.start(config);
            remember(simulator);
            effectiveConfig = config.with(simulator.configuration(config));
            clock = simulator.clock();
        } else if (config.mode().equals("sim") && config.has("kis.rest-url")) {
            // a simulator of its own (another process): its session time is the gateway's time
            clock = SimulatorClockSync.clockOf(config.require("kis.rest-url"));
        }
    }

    /** Kept for {@link #close()}, which closes in the reverse order (the broker and the database start side by side). */
    private void remember(AutoCloseable part) {
        synchronized (started) {
            started.push(part);
        }
    }

    /** The configuration with what the infrastructure learned at start (the simulator's URLs and account). */
    public GatewayConfig effectiveConfig() {
        return effectiveConfig;
    }

    /** The gateway's business clock: the simulator's session clock in sim mode, the system clock otherwise. */
    public Clock clock() {
        return clock;
    }

    public EmbeddedSimulator simulator() {
        return simulator;
    }

    /** A blank data directory setting means a throw-away directory (tests). */
    private static Path dataDir(GatewayConfig config, String key) {
        return config.has(key) ? config.path(key) : null;
    }

    public GatewayDataSource dataSource() {
        return dataSource;
    }

    public EmbeddedBroker embeddedBroker() {
        return embeddedBroker;
    }

    public BrokerConnection brokerConnection() {
        return brokerConnection;
    }

    public EmbeddedDatabase embeddedDatabase() {
        return embeddedDatabase;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable part;
            synchronized (started) {
                if (started.isEmpty()) {
                    break;
                }
                part = started.pop();
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
