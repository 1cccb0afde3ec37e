package kisgateway.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.risk.profile.StrategyProfile;
import kisgateway.risk.profile.TradingSessionKind;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** The trading profiles as configured next to the strategies' accounts, on the project's configuration files. */
class StrategyProfileWiringTest {

    private static Map<String, StrategyProfile> profiles(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("gateway.strategies", "alpha,beta",
                "gateway.strategy.alpha.accounts", "*", "gateway.strategy.beta.accounts", "*"));
        all.putAll(overrides);
        GatewayConfig config = TestConfig.load(all);
        return StrategyProfileWiring.profiles(config, Set.of("alpha", "beta"));
    }

    @Test
    void aStrategyDeclaringNothingTradesEverySessionWithoutACutoff() {
        StrategyProfile beta = profiles(Map.of("gateway.strategy.alpha.sessions", "regular, NXT",
                "gateway.strategy.alpha.cutoff", "15:00", "gateway.strategy.alpha.cancel-entries-at-cutoff", "true"))
                .get("beta");
        assertThat(beta.sessions()).isEqualTo(TradingSessionKind.ALL);
        assertThat(beta.cutoff()).isNull();
        assertThat(beta.cancelEntriesAtCutoff()).isFalse();
    }

    @Test
    void theDeclaredSessionsCutoffAndCancelAreRead() {
        StrategyProfile alpha = profiles(Map.of("gateway.strategy.alpha.sessions", "regular, NXT",
                "gateway.strategy.alpha.cutoff", "15:00", "gateway.strategy.alpha.cancel-entries-at-cutoff", "true"))
                .get("alpha");
        assertThat(alpha.sessions()).containsExactlyInAnyOrder(TradingSessionKind.REGULAR, TradingSessionKind.NXT);
        assertThat(alpha.cutoff()).isEqualTo(LocalTime.of(15, 0));
        assertThat(alpha.cancelEntriesAtCutoff()).isTrue();
    }

    @Test
    void aValueThatCannotBeReadStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> profiles(Map.of("gateway.strategy.alpha.sessions", "REGULAR,EVENING")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("gateway.strategy.alpha.sessions")
                .hasMessageContaining("EVENING");
        assertThatThrownBy(() -> profiles(Map.of("gateway.strategy.alpha.cutoff", "3pm")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("gateway.strategy.alpha.cutoff");
        assertThatThrownBy(() -> profiles(Map.of("gateway.strategy.alpha.cancel-entries-at-cutoff", "true")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cutoff it does not declare");
    }
}
