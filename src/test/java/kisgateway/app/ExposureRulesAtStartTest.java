package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kisgateway.app.broker.EmbeddedBroker;
import kisgateway.app.config.ConfigurationException;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * A gateway refuses, before it starts anything, to run what is only safe on a developer's own loopback where it is
 * not: an embedded database or broker with real money (one process's disk and a password file beside it, no backups,
 * no failover), and the default run's public demo credentials (API key, operator password, an open Jolokia) on an
 * address other machines reach.
 */
class ExposureRulesAtStartTest {

    @Test
    void liveModeRefusesTheEmbeddedDatabase() {
        assertRefused(Map.of("kis.mode", "live", "db.embedded", "true"),
                "db.embedded=true", "live mode", "DB_URL");
    }

    @Test
    void liveModeRefusesTheEmbeddedBroker() {
        assertRefused(Map.of("kis.mode", "live", "broker.embedded", "true"),
                "broker.embedded=true", "live mode", "BROKER_URL");
    }

    @Test
    void simModeRefusesToServeBeyondLoopback() {
        assertRefused(Map.of("gateway.http.host", "0.0.0.0"), "gateway.http.host=0.0.0.0", "sim mode", "paper");
        assertRefused(Map.of("hawtio.enabled", "true", "hawtio.host", "0.0.0.0"), "hawtio.host=0.0.0.0", "sim mode");
    }

    @Test
    void theEmbeddedBrokerListensOnLoopbackOnly() {
        assertRefused(Map.of("broker.embedded.host", "0.0.0.0"), "broker.embedded.host=0.0.0.0", "loopback");
    }

    private static void assertRefused(Map<String, String> overrides, String... reason) {
        int brokersBefore = EmbeddedBroker.runningInThisJvm();
        assertThatThrownBy(() -> GatewayApplication.start(TestConfig.load(overrides)).close())
                .isInstanceOf(ConfigurationException.class).hasMessageContainingAll(reason);
        assertThat(EmbeddedBroker.runningInThisJvm()).as("refused before anything started").isEqualTo(brokersBefore);
    }
}
