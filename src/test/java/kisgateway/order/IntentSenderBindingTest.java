package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 21.1: a JMS intent acts for the strategy of the broker user that sent it, and for no other. */
class IntentSenderBindingTest {

    private static final Map<String, String> USERS = Map.of("alpha-sender", "alpha", "beta-sender", "beta");

    private static Intent of(String strategy) {
        return new OrderIntent("c-1", "main", strategy, "005930", Side.BUY, 1, OrderType.LIMIT, new BigDecimal("70000"),
                Exchange.KRX, Duration.ofSeconds(2), Instant.now());
    }

    private static Intent cancelOf(String strategy) {
        return new CancelIntent("c-2", "c-1", "main", strategy, 0, Duration.ofSeconds(2), Instant.now());
    }

    @Test
    void aSenderActsForItsOwnStrategy() {
        IntentSenderBinding binding = new IntentSenderBinding(USERS, false);
        assertThatCode(() -> binding.bind("alpha-sender", of("alpha"))).doesNotThrowAnyException();
        assertThatCode(() -> binding.bind("beta-sender", cancelOf("beta"))).doesNotThrowAnyException();
    }

    @Test
    void aSenderNamingAnotherStrategyIsRefusedAndTheReasonNamesBoth() {
        IntentSenderBinding binding = new IntentSenderBinding(USERS, true);
        assertThatThrownBy(() -> binding.bind("alpha-sender", of("beta")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class)
                .hasMessage("broker user 'alpha-sender' sends for strategy 'alpha', not for 'beta'");
        assertThatThrownBy(() -> binding.bind("alpha-sender", cancelOf("beta")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);
    }

    @Test
    void aUserNoStrategySendsAsIsRefusedEvenWhenUnstampedIntentsAreTrusted() {
        IntentSenderBinding binding = new IntentSenderBinding(USERS, true);
        assertThatThrownBy(() -> binding.bind("kis-gateway-user", of("alpha")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class)
                .hasMessageContaining("'kis-gateway-user' sends for no strategy");
        // user names are compared exactly: the broker stamps the user it authenticated, as it is spelled
        assertThatThrownBy(() -> binding.bind("Alpha-sender", of("alpha")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);
    }

    @Test
    void anIntentWithoutTheBrokersStampIsRefusedUnlessConfigurationTrustsIt() {
        IntentSenderBinding refusing = new IntentSenderBinding(USERS, false);
        assertThatThrownBy(() -> refusing.bind(null, of("alpha")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class).hasMessageContaining("names no sender");
        assertThatThrownBy(() -> refusing.bind("", of("alpha")))
                .isInstanceOf(StrategyPermissions.NotPermitted.class);
        IntentSenderBinding trusting = new IntentSenderBinding(USERS, true);
        assertThatCode(() -> trusting.bind(null, of("alpha"))).doesNotThrowAnyException();
    }
}
