package kisgateway.app.broker;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import kisgateway.app.config.ConfigurationException;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ActiveMQ Artemis inside the gateway's JVM (sim mode and tests). It loads the very broker.xml the external
 * broker of docker-compose uses ({@code config/artemis/broker.xml}), so addresses, dead-letter queues,
 * redelivery and duplicate-id caches are one definition, and replaces only what differs when embedded: the
 * journal directories, the acceptors (in-VM for the gateway, TCP on loopback for back-office tools) and the
 * users: broker.xml's security stays on, and the users are {@link EmbeddedBrokerUsers}, one per role, with passwords
 * generated at the first start. Every connection logs in, in-VM ones too, and each role has the rights broker.xml
 * gives it, as on the external broker.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

    private final EmbeddedActiveMQ broker;
    private final int tcpPort;
    private final Path temporaryDir;
    private final EmbeddedBrokerUsers users;

    private EmbeddedBroker(EmbeddedActiveMQ broker, int tcpPort, Path temporaryDir, EmbeddedBrokerUsers users) {
        this.broker = broker;
        this.tcpPort = tcpPort;
        this.temporaryDir = temporaryDir;
        this.users = users;
    }

    /**
     * @param brokerXml the broker.xml to load
     * @param dataDir   journal, bindings, paging and large-message directories and the users file go under it; null
     *                  for a temporary directory removed on close, with users made for this start only (tests)
     * @param vmId      id of the in-VM acceptor ({@code vm://<id>}), unique per broker in one JVM
     * @param host      TCP acceptor host: a loopback address (a gateway refuses another, ExposureRules)
     * @param port      TCP acceptor port; 0 leaves the broker with the in-VM acceptor only
     */
    public static EmbeddedBroker start(Path brokerXml, Path dataDir, int vmId, String host, int port) {
        long started = System.nanoTime();
        try {
            FileConfiguration config = load(brokerXml);
            Path temporary = dataDir == null ? Files.createTempDirectory("kis-gateway-artemis") : null;
            if (temporary != null) {
                dataDir = temporary;
            }
            Files.createDirectories(dataDir);
            config.setJournalDirectory(dataDir.resolve("journal").toString());
            config.setBindingsDirectory(dataDir.resolve("bindings").toString());
            config.setPagingDirectory(dataDir.resolve("paging").toString());
            config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
            config.setNodeManagerLockDirectory(dataDir.toString());
            // Loopback is no boundary between the users of one machine: every connection logs in (broker.xml's
            // security-enabled, stated again so that no copy of the file can turn it off here)
            EmbeddedBrokerUsers users = EmbeddedBrokerUsers.loadOrCreate(dataDir);
            config.setSecurityEnabled(true);
            config.setJMXManagementEnabled(true);
            config.getAcceptorConfigurations().clear();
            config.addAcceptorConfiguration("in-vm", "vm://" + vmId);
            if (port > 0) {
                config.addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port + "?protocols=CORE");
            }
            EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
            embedded.setConfiguration(config);
            embedded.setMbeanServer(ManagementFactory.getPlatformMBeanServer());
            embedded.setSecurityManager(users.securityManager());
            embedded.start();
            RUNNING.incrementAndGet();
            LOG.info("embedded Artemis started tcp={} dataDir={} users={} ms={}", port > 0 ? host + ":" + port : "(none)",
                    dataDir.toAbsolutePath(), temporary != null ? "(generated for this start, not kept)"
                            : users.file().toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedBroker(embedded, port, temporary, users);
        } catch (ConfigurationException e) {
            // a users file others may read: the refusal says which and what to do
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not start: " + e.getMessage(), e);
        }
    }

    /** Parses a broker.xml the way the standalone broker does. */
    public static FileConfiguration load(Path brokerXml) throws Exception {
        if (!Files.isRegularFile(brokerXml)) {
            throw new IllegalArgumentException("broker configuration " + brokerXml + " not found");
        }
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(brokerXml.toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        return config;
    }

    /** Embedded brokers running in this JVM (tests run several; the gateway runs one). */
    public static int runningInThisJvm() {
        return RUNNING.get();
    }

    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    public boolean isActive() {
        ActiveMQServer server = broker.getActiveMQServer();
        return server != null && server.isActive();
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** Who may log in: the gateway's login and one per role of broker.xml. */
    public EmbeddedBrokerUsers users() {
        return users;
    }

    public Set<String> queueNames() {
        return Set.copyOf(server().getPostOffice().getAddresses().stream()
                .flatMap(a -> {
                    try {
                        return server().bindingQuery(a).getQueueNames().stream().map(Object::toString);
                    } catch (Exception e) {
                        return java.util.stream.Stream.empty();
                    }
                }).toList());
    }

    @Override
    public void close() {
        try {
            broker.stop();
            // The in-VM transport keeps a JVM-wide pool of non-daemon threads; once the last embedded broker
            // of this JVM is gone nothing uses it, and left alone it would hold the JVM up to its idle timeout.
            if (RUNNING.decrementAndGet() == 0) {
                InVMConnector.resetThreadPool();
            }
            LOG.info("embedded Artemis stopped");
            if (temporaryDir != null) {
                deleteRecursively(temporaryDir);
            }
        } catch (Exception e) {
            LOG.warn("embedded Artemis did not stop cleanly: {}", e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
