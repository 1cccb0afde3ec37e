package kisgateway.app.service.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kisgateway.app.GatewayApplication;
import kisgateway.app.broker.BrokerLogin;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.db.EmbeddedDatabase;
import kisgateway.kis.AppKey;
import kisgateway.kis.cluster.ClusterKeySettingsConflict;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, "many instances, one app key": a second gateway on the first one's PostgreSQL, broker and KIS
 * (simulator), trading the same app key, starts only when it agrees with the cluster on the key's mode, hosts
 * and REST budget. Both gateways run in this JVM: the check happens before any route, so a refused start costs
 * only its connection pools.
 */
class ClusterKeySettingsAcrossInstancesTest {

    private static GatewayUnderTest first;

    @BeforeAll
    static void startFirstInstance() throws Exception {
        first = GatewayUnderTest.start(Map.of("cluster.key-settings.heartbeat-ms", "300"));
    }

    @AfterAll
    static void stopFirstInstance() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aSecondInstanceWithAnotherBudgetForTheKeyRefusesToStartAndSaysWhich() {
        String appKey = appKey();
        String label = new AppKey(appKey).label();

        assertThatThrownBy(() -> GatewayApplication.start(secondInstance(Map.of("kis.rest.permits-per-second", "5"))))
                .isInstanceOf(ClusterKeySettingsConflict.class)
                .hasMessageContaining("app_key=" + label)
                .hasMessageContaining("kis.rest.permits-per-second is 18 in the cluster, 5 here")
                .hasMessageNotContaining(appKey);
    }

    @Test
    void aSecondInstanceInAnotherModeForTheKeyRefusesToStartAndSaysWhich() {
        String appKey = appKey();
        assertThatThrownBy(() -> GatewayApplication.start(secondInstance(Map.of(
                "kis.mode", "paper",
                // the paper profile has no operator password; the gateway wants one before it gets to the check
                "gateway.operator.password", "paper-operator-password",
                // and the app key's expiry, required outside sim
                "kis.account.sim.app-key-expires", java.time.LocalDate.now().plusYears(1).toString()))))
                .isInstanceOf(ClusterKeySettingsConflict.class)
                .hasMessageContaining("app_key=" + new AppKey(appKey).label())
                .hasMessageContaining("kis.mode is sim in the cluster, paper here")
                // paper's own budget (1/s) differs from the cluster's too, and is named as well
                .hasMessageContaining("kis.rest.permits-per-second is 18 in the cluster, 1 here")
                .hasMessageNotContaining(appKey);
    }

    @Test
    void aSecondInstanceWithTheSameSettingsStartsAndTheRowHoldsNoKey() throws Exception {
        try (GatewayApplication second = GatewayApplication.start(secondInstance(Map.of()))) {
            assertThat(second.camelContext().getRoute("recordClusterHeartbeat")).isNotNull();
        }
        List<String> cells = new ArrayList<>();
        try (Connection c = first.app().infrastructure().dataSource().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from cluster_key_settings")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    cells.add(String.valueOf(rs.getObject(i)));
                }
            }
        }
        assertThat(cells).as("one row, for the simulator's demo key").isNotEmpty()
                .contains(new AppKey(appKey()).id())
                .noneMatch(cell -> cell.contains(appKey()));
    }

    @Test
    void aRunningInstanceKeepsMarkingItsKeyAlive() throws Exception {
        Instant before = lastSeen();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastSeen().isAfter(before));
    }

    private static Instant lastSeen() throws Exception {
        try (Connection c = first.app().infrastructure().dataSource().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select last_seen_at from cluster_key_settings where app_key_id = ?")) {
            ps.setString(1, new AppKey(appKey()).id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the first instance registered the key").isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static String appKey() {
        return first.app().config().require("kis.account.sim.app-key");
    }

    /** Another instance of the cluster: the first one's database, broker, simulator, app key and leader lock. */
    private static GatewayConfig secondInstance(Map<String, String> overrides) {
        GatewayConfig a = first.app().config();
        Map<String, String> b = new HashMap<>();
        b.put("db.embedded", "false");
        EmbeddedDatabase db = first.app().infrastructure().embeddedDatabase();
        b.put("db.url", db.jdbcUrl());
        b.put("db.user", db.user());
        b.put("db.password", db.password());
        BrokerLogin broker = first.app().infrastructure().embeddedBroker().users().gateway();
        b.put("broker.embedded", "false");
        b.put("broker.url", a.require("broker.url"));
        b.put("broker.user", broker.user());
        b.put("broker.password", broker.password());
        b.put("sim.embedded", "false");
        b.put("kis.rest-url", a.require("kis.rest-url"));
        b.put("kis.ws-url", a.require("kis.ws-url"));
        b.put("kis.accounts", "sim");
        for (String field : List.of("app-key", "app-secret", "hts-id", "cano", "product-code")) {
            b.put("kis.account.sim." + field, a.require("kis.account.sim." + field));
        }
        b.put("fills.cluster.root", a.require("fills.cluster.root"));
        b.putAll(overrides);
        return TestConfig.load(b);
    }
}
