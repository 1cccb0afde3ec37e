package kisgateway.app.service.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kisgateway.testing.TestConfig;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void theFileLockIsTheDefault() {
        assertThat(LeaderElection.clusterService(TestConfig.load(Map.of()), "test")).isInstanceOf(FileLockClusterService.class);
    }

    @Test
    void zooKeeperTakesItsEnsemblePathAndSessionTimeoutFromTheConfiguration() {
        var service = LeaderElection.clusterService(TestConfig.load(Map.of("fills.cluster.type", "ZooKeeper",
                "fills.cluster.zookeeper.nodes", "zk1:2181,zk2:2181", "fills.cluster.zookeeper.session-timeout-ms", "4000")), "test");
        assertThat(service).isInstanceOf(ZooKeeperClusterService.class);
        ZooKeeperClusterService zk = (ZooKeeperClusterService) service;
        assertThat(zk.getNodes()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(zk.getBasePath()).isEqualTo("/kis-gateway/leaders");
        assertThat(zk.getSessionTimeout()).isEqualTo(4000);
    }

    @Test
    void anUnknownTypeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> LeaderElection.clusterService(TestConfig.load(Map.of("fills.cluster.type", "etcd")), "test"))
                .hasMessageContaining("file or zookeeper").hasMessageContaining("etcd");
    }
}
