package kisgateway.risk.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class ConfiguredPhasesTest {

    private static final BiPredicate<String, String> ALPHA_ON_MAIN = (s, a) -> s.equals("alpha") && a.equals("main");

    @Test
    void liveModeRefusesToStartWithAnAccountWithoutAPhaseNamingIt() {
        assertThatThrownBy(() -> ConfiguredPhases.from(Map.of("rollout.default-phase", "LIVE",
                        "rollout.account.main.phase", "PILOT"), "live", Set.of("main", "spare"), Set.of("alpha"),
                ALPHA_ON_MAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spare").hasMessageContaining("live mode has no default");
    }

    @Test
    void simAndPaperTakeTheDefaultForAnAccountWithoutItsOwn() {
        Map<RolloutScope, RolloutPhase> phases = ConfiguredPhases.from(Map.of("rollout.default-phase", "live",
                        "rollout.account.main.phase", "SHADOW", "rollout.account.main.strategy.alpha.phase", "PILOT"),
                "paper", Set.of("main", "spare"), Set.of("alpha"), ALPHA_ON_MAIN);
        assertThat(phases).containsEntry(RolloutScope.account("main"), RolloutPhase.SHADOW)
                .containsEntry(RolloutScope.account("spare"), RolloutPhase.LIVE)
                .containsEntry(RolloutScope.strategy("main", "alpha"), RolloutPhase.PILOT)
                .hasSize(3);
    }

    @Test
    void aWrongKeyOrValueIsNamed() {
        assertThatThrownBy(() -> ConfiguredPhases.from(Map.of("rollout.account.main.phase", "PAPER"), "sim",
                Set.of("main"), Set.of(), ALPHA_ON_MAIN))
                .hasMessageContaining("rollout.account.main.phase").hasMessageContaining("PAPER");
        assertThatThrownBy(() -> ConfiguredPhases.from(Map.of("rollout.default-phase", "LIVE",
                "rollout.account.mian.phase", "PILOT"), "sim", Set.of("main"), Set.of(), ALPHA_ON_MAIN))
                .hasMessageContaining("rollout.account.mian.phase");
        assertThatThrownBy(() -> ConfiguredPhases.from(Map.of("rollout.default-phase", "LIVE",
                "rollout.account.spare.strategy.alpha.phase", "PILOT"), "sim", Set.of("main", "spare"),
                Set.of("alpha"), ALPHA_ON_MAIN))
                .hasMessageContaining("may not trade account 'spare'");
    }
}
