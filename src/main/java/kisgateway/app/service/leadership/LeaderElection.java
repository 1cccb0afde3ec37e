package kisgateway.app.service.leadership;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import kisgateway.app.config.GatewayConfig;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;

/**
 * The cluster service behind {@code master:} (the notice stream's leader, one WebSocket session per app key across
 * gateway instances), chosen by {@code fills.cluster.type}:
 * <ul>
 *   <li>{@code file}: a lock file under {@code fills.cluster.root}; instances on one machine (or one shared
 *       filesystem with working locks);</li>
 *   <li>{@code zookeeper}: a Curator leader latch under {@code fills.cluster.zookeeper.base-path} on the ensemble
 *       {@code fills.cluster.zookeeper.nodes}; instances on several machines. A leader that loses its ZooKeeper
 *       session loses leadership, so the session timeout bounds how long two sessions could overlap.</li>
 * </ul>
 * A Kubernetes lease (camel-kubernetes) is not wired: it needs the cluster's API server, which nothing here can
 * run or test; ZooKeeper covers instances on several machines.
 */
public final class LeaderElection {

    private LeaderElection() {
    }

    /** A name for this process among the instances, unique across restarts (election member, reply queue). */
    public static String newInstanceId() {
        return "kis-gateway-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    public static CamelClusterService clusterService(GatewayConfig config, String id) {
        String type = config.require("fills.cluster.type").trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "file" -> {
                FileLockClusterService service = new FileLockClusterService();
                service.setId(id);
                service.setRoot(config.require("fills.cluster.root"));
                service.setAcquireLockInterval(config.longValue("fills.cluster.acquire-interval-ms"), TimeUnit.MILLISECONDS);
                service.setAcquireLockDelay(1, TimeUnit.SECONDS);
                return service;
            }
            case "zookeeper" -> {
                ZooKeeperClusterService service = new ZooKeeperClusterService();
                service.setId(id);
                service.setNodes(config.require("fills.cluster.zookeeper.nodes"));
                service.setBasePath(config.require("fills.cluster.zookeeper.base-path"));
                service.setSessionTimeout(config.longValue("fills.cluster.zookeeper.session-timeout-ms"));
                service.setConnectTimeout(config.longValue("fills.cluster.zookeeper.connect-timeout-ms"));
                return service;
            }
            default -> throw new IllegalArgumentException("fills.cluster.type must be file or zookeeper, not '" + type + "'");
        }
    }
}
