package kisgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import kisgateway.app.service.leadership.KisLeadership;
import kisgateway.order.OrderState;
import kisgateway.testing.EmbeddedZooKeeper;
import kisgateway.testing.GatewayUnderTest;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that is not the KIS leader sends nothing to KIS itself: it forwards REST intents to the leader and
 * leaves kis.order.intents to it. Here the leadership is held by a member of the test's own (on a real ZooKeeper),
 * which never answers, so the gateway is a follower with no one taking its requests; then the test lets go and the
 * gateway leads.
 */
class LeaderForwardingTest {

    private static final String NAMESPACE = "kis-leader";

    @Test
    void aFollowerForwardsAndNeverSendsAndARequestNobodyTookIsNotRunLate(@TempDir Path dir) throws Exception {
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"));
             DefaultCamelContext other = new DefaultCamelContext()) {
            ZooKeeperClusterService otherLeader = zooKeeper(zooKeeper, "a-leader-that-never-answers");
            other.addService(otherLeader);
            other.start();
            CamelClusterView held = otherLeader.getView(NAMESPACE);
            await().atMost(Duration.ofSeconds(20)).until(() -> held.getLocalMember().isLeader());

            try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                    "fills.cluster.type", "zookeeper",
                    "fills.cluster.zookeeper.nodes", zooKeeper.connectString(),
                    "fills.cluster.zookeeper.session-timeout-ms", "4000",
                    "cluster.forward.margin-ms", "500", "cluster.forward.timeout-ms", "2000"))) {
                KisLeadership leadership = gateway.app().services().kisLeadership();
                assertThat(leadership.isLeader()).isFalse();

                // REST: forwarded, unanswered: 504, outcome unknown, and no order made here
                String late = "lf-late-" + UUID.randomUUID();
                HttpResponse<String> unanswered = gateway.postIntent(intent(late));
                assertThat(unanswered.statusCode()).as(unanswered.body()).isEqualTo(504);
                assertThat(unanswered.body()).contains("outcome is unknown").contains("same clientOrderId");
                assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, late)).isEmpty();

                // JMS: left on the queue for the leader
                String queued = "lf-queued-" + UUID.randomUUID();
                gateway.sendJms("kis.order.intents", intent(queued), Map.of());
                String probe = "lf-probe-" + UUID.randomUUID();
                assertThat(gateway.postIntent(intent(probe)).statusCode()).isEqualTo(504);
                assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, queued)).isEmpty();
                assertThat(kisOrders(gateway)).isZero();

                // the other member goes: the gateway leads, takes the queued intent, and the expired requests stay
                // expired (their callers were told the outcome is unknown and may send them again)
                other.stop();
                await().atMost(Duration.ofSeconds(20)).until(leadership::isLeader);
                assertThat(leadership.epoch()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(20)).until(() -> gateway.orders()
                        .byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, queued).isPresent());
                gateway.awaitState(queued, OrderState.ACKED, OrderState.FILLED, OrderState.PARTIAL_FILLED);
                String after = "lf-after-" + UUID.randomUUID();
                assertThat(gateway.postIntent(intent(after)).statusCode()).isEqualTo(200);
                assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, late)).isEmpty();
                assertThat(gateway.orders().byClientOrderId(GatewayUnderTest.DEMO_STRATEGY, probe)).isEmpty();

                // the caller sends the unknown one again: one order
                HttpResponse<String> again = gateway.postIntent(intent(late));
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                assertThat(gateway.postIntent(intent(late)).statusCode()).isEqualTo(200);
                assertThat(kisOrders(gateway)).isEqualTo(3);
            }
        }
    }

    private static long kisOrders(GatewayUnderTest gateway) {
        return gateway.simulator().truth().accounts().stream().mapToLong(a -> a.orders().size()).sum();
    }

    private static ZooKeeperClusterService zooKeeper(EmbeddedZooKeeper zooKeeper, String id) {
        ZooKeeperClusterService service = new ZooKeeperClusterService();
        service.setId(id);
        service.setNodes(zooKeeper.connectString());
        service.setBasePath("/kis-gateway/leaders");
        // a machine busy starting the gateway must not end the member's session: it holds the lead until it stops
        service.setSessionTimeout(30_000);
        return service;
    }

    private static String intent(String clientOrderId) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";
    }
}
