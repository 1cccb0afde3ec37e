package kisgateway.risk.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KillSwitchKeysTest {

    private final KillSwitchKeys keys = new KillSwitchKeys(Set.of("sim", "main"), Set.of("demo"));

    @Test
    void theSwitchesOfTheConfiguredAccountsAndStrategies() {
        assertThat(keys.scope("ACCOUNT", "sim")).isEqualTo(KillSwitchScope.account("sim"));
        assertThat(keys.scope("strategy", "demo")).isEqualTo(KillSwitchScope.strategy("demo"));
        assertThat(keys.scope("GLOBAL", "*")).isEqualTo(KillSwitchScope.global());
    }

    /** Issue 21.7: ACCOUNT/SIM was stored as HALTED and account sim kept trading. */
    @Test
    void aKeyThatIsNotConfiguredExactlyIsRefusedWithTheKeysThereAre() {
        assertThatThrownBy(() -> keys.scope("ACCOUNT", "SIM")).isInstanceOf(KillSwitchKeys.UnknownKillSwitch.class)
                .hasMessage("'SIM' is not an account of this gateway (accounts main, sim)");
        assertThatThrownBy(() -> keys.scope("ACCOUNT", "sim ")).isInstanceOf(KillSwitchKeys.UnknownKillSwitch.class);
        assertThatThrownBy(() -> keys.scope("STRATEGY", "nobody")).isInstanceOf(KillSwitchKeys.UnknownKillSwitch.class)
                .hasMessageContaining("strategy demo");
        assertThatThrownBy(() -> keys.scope("GLOBAL", "sim")).isInstanceOf(KillSwitchKeys.UnknownKillSwitch.class);
        assertThatThrownBy(() -> keys.scope("DESK", "x")).isInstanceOf(KillSwitchKeys.UnknownKillSwitch.class)
                .hasMessageContaining("GLOBAL, ACCOUNT or STRATEGY").hasMessageNotContaining("No enum constant");
    }
}
