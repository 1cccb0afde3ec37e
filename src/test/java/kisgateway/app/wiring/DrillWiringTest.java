package kisgateway.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kisgateway.app.config.ConfigurationException;
import kisgateway.ops.drills.DrillSettings;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** A drill configured wrong stops the start, naming the key. */
class DrillWiringTest {

    private static Map<String, String> drill(String... more) {
        Map<String, String> m = new HashMap<>(Map.of("gateway.strategies", "demo,drill",
                "gateway.strategy.drill.accounts", "sim", "ops.drill.strategy", "drill", "ops.drill.account", "sim"));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static DrillSettings settings(Map<String, String> overrides) {
        return DrillWiring.settings(TestConfig.load(overrides), Set.of("sim"));
    }

    @Test
    void theShippedSlotIsMondaysOpeningCall() {
        DrillSettings s = settings(drill());
        assertThat(s.day()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(s.from()).isEqualTo(LocalTime.of(8, 40));
        assertThat(s.until()).isEqualTo(LocalTime.of(8, 55));
        assertThat(s.strategy()).isEqualTo("drill");
    }

    @Test
    void anUnknownStrategyAnAccountItMayNotTradeOrAWrongSlotStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> settings(drill("ops.drill.strategy", "nobody")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ops.drill.strategy")
                .hasMessageContaining("nobody");
        assertThatThrownBy(() -> settings(drill("ops.drill.account", "elsewhere")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ops.drill.account");
        assertThatThrownBy(() -> settings(drill("gateway.strategy.drill.accounts", "other")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ops.drill.account");
        assertThatThrownBy(() -> settings(drill("ops.drill.day", "Moonday")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ops.drill.day");
        assertThatThrownBy(() -> settings(drill("ops.drill.window", "09:00-08:00")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ops.drill.window");
        assertThatThrownBy(() -> settings(drill("ops.drill.ticks-below-market", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ticks-below-market");
    }
}
