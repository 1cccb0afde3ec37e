package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.wiring.GatewayServices;
import kisgateway.order.Exchange;
import kisgateway.order.OrderIntent;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 21.1: the configuration of who sends intents for which strategy, on the project's real configuration
 * files: one broker user per strategy, never the gateway's own, and intents without the broker's stamp of their
 * sender taken at their word in sim mode only.
 */
class StrategyConfigurationTest {

    private static GatewayConfig config(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("gateway.strategies", "alpha,beta",
                "gateway.strategy.alpha.accounts", "*", "gateway.strategy.beta.accounts", "*"));
        all.putAll(overrides);
        return TestConfig.load(all);
    }

    private static OrderIntent of(String strategy) {
        return new OrderIntent("c-1", "sim", strategy, "005930", Side.BUY, 1, OrderType.MARKET, null, Exchange.KRX,
                java.time.Duration.ofSeconds(2), java.time.Instant.now());
    }

    @Test
    void eachStrategysBrokerUserSendsForItAlone() {
        var binding = GatewayServices.intentSenderBinding(config(Map.of(
                "gateway.strategy.alpha.broker-user", "alpha-sender",
                "gateway.strategy.beta.broker-user", "beta-sender")), Set.of("alpha", "beta"));
        assertThatCode(() -> binding.bind("alpha-sender", of("alpha"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> binding.bind("beta-sender", of("alpha"))).isInstanceOf(StrategyPermissions.NotPermitted.class);
    }

    @Test
    void twoStrategiesSharingABrokerUserRefuseToStart() {
        assertThatThrownBy(() -> GatewayServices.intentSenderBinding(config(Map.of(
                "gateway.strategy.alpha.broker-user", "desk", "gateway.strategy.beta.broker-user", "desk")),
                Set.of("alpha", "beta")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'alpha' and 'beta' both send as broker user 'desk'");
    }

    @Test
    void aStrategyCannotSendAsTheGatewaysOwnBrokerUser() {
        assertThatThrownBy(() -> GatewayServices.intentSenderBinding(config(Map.of("broker.user", "kisgw",
                "gateway.strategy.alpha.broker-user", "kisgw")), Set.of("alpha", "beta")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("gateway.strategy.alpha.broker-user is the gateway's own broker user");
    }

    @Test
    void onlySimModeTakesAnUnstampedIntentAtItsWord() {
        // sim's embedded broker stamps its generated users, so its profile refuses them too; only sim may be told to
        // trust them (a sim run against a broker without security); paper and live refuse them and the setting
        assertThatThrownBy(() -> GatewayServices.intentSenderBinding(config(Map.of()), Set.of("alpha")).bind(null, of("alpha")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);
        assertThatCode(() -> GatewayServices.intentSenderBinding(config(Map.of("orders.intake.trust-unbound-intents", "true")),
                Set.of("alpha")).bind(null, of("alpha"))).doesNotThrowAnyException();
        for (String mode : new String[] {"paper", "live"}) {
            var binding = GatewayServices.intentSenderBinding(config(Map.of("kis.mode", mode)), Set.of("alpha"));
            assertThatThrownBy(() -> binding.bind(null, of("alpha")))
                    .as(mode).isInstanceOf(StrategyPermissions.NotPermitted.class);
            assertThatThrownBy(() -> GatewayServices.intentSenderBinding(config(Map.of("kis.mode", mode,
                    "orders.intake.trust-unbound-intents", "true")), Set.of("alpha")))
                    .as(mode).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("orders.intake.trust-unbound-intents is true in " + mode + " mode");
        }
    }

    @Test
    void theStrategyOfOrdersPlacedOutsideTheGatewayIsNoStrategyOfItsOwn() {
        GatewayConfig c = config(Map.of("gateway.strategies", "alpha,external", "gateway.strategy.external.accounts", "*"));
        assertThatThrownBy(() -> GatewayServices.strategyPermissions(c, Set.of("sim")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'external'");
    }

    @Test
    void theShippedBrokerStampsEverySenderAndTakesNoProtocolWhoseSenderItCannotStamp() throws Exception {
        var broker = kisgateway.app.broker.EmbeddedBroker.load(TestConfig.projectDir().resolve("config/artemis/broker.xml"));
        org.assertj.core.api.Assertions.assertThat(broker.isPopulateValidatedUser()).isTrue();
        // AMQP senders set their own user-id, which the broker does not overwrite (StrategyIsolationFlowTest shows
        // a CORE sender's forged one overwritten)
        org.assertj.core.api.Assertions.assertThat(broker.getAcceptorConfigurations())
                .allSatisfy(a -> org.assertj.core.api.Assertions.assertThat(String.valueOf(a.getParams().get("protocols")))
                        .isEqualTo("CORE,OPENWIRE"));
    }
}
