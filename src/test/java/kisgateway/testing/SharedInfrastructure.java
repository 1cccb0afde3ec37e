package kisgateway.testing;

import java.util.Map;
import kisgateway.app.wiring.GatewayInfrastructure;
import kisgateway.app.config.GatewayConfig;

/**
 * One embedded PostgreSQL and one embedded Artemis for the whole test JVM (each costs about a second to
 * start). Tests that share them use unique ids and queues; a test that needs a pristine broker or database
 * starts its own.
 */
public final class SharedInfrastructure {

    private static GatewayInfrastructure infrastructure;
    private static GatewayConfig config;

    private SharedInfrastructure() {
    }

    public static synchronized GatewayInfrastructure get() {
        if (infrastructure == null) {
            // the database and the broker only: tests that need KIS start their own simulator
            config = TestConfig.load(Map.of("sim.embedded", "false"));
            infrastructure = GatewayInfrastructure.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "test-infrastructure-shutdown"));
        }
        return infrastructure;
    }

    public static synchronized GatewayConfig config() {
        get();
        return config;
    }
}
