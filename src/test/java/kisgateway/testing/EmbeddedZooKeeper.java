package kisgateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real single-node ZooKeeper server on 127.0.0.1 (a free port), its snapshots and log in a directory of the
 * test: what {@code fills.cluster.type=zookeeper} talks to in the tests.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final int TICK_MS = 500;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    public static EmbeddedZooKeeper start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // the admin HTTP server and four-letter words are not needed; sessions from 2 ticks (1 s) to 20 (10 s)
        System.setProperty("zookeeper.admin.enableServer", "false");
        ZooKeeperServer server = new ZooKeeperServer(dir.toFile(), dir.toFile(), TICK_MS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
        connections.startup(server);
        return new EmbeddedZooKeeper(server, connections);
    }

    /** host:port, for fills.cluster.zookeeper.nodes */
    public String connectString() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
