package kisgateway.risk.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import kisgateway.risk.Seoul;
import org.junit.jupiter.api.Test;

/** Whose entries are due to be cancelled when: only strategies that declare it, from their cutoff to midnight. */
class CutoffCancelsTest {

    private final CutoffCancels cutoffs = new CutoffCancels(Map.of(
            "early", new StrategyProfile("early", TradingSessionKind.ALL, LocalTime.of(14, 0), true),
            "late", new StrategyProfile("late", TradingSessionKind.ALL, LocalTime.of(15, 0), true),
            "keeps", new StrategyProfile("keeps", TradingSessionKind.ALL, LocalTime.of(14, 0), false),
            "none", StrategyProfile.unrestricted("none")));

    @Test
    void fromEachCutoffToTheDaysEndInSeoul() {
        assertThat(cutoffs.due(Seoul.at("2026-03-03T13:59:59"))).isEmpty();
        assertThat(cutoffs.due(Seoul.at("2026-03-03T14:00"))).extracting(CutoffCancels.Due::strategyId)
                .containsExactly("early");
        assertThat(cutoffs.due(Seoul.at("2026-03-03T23:59:59"))).extracting(CutoffCancels.Due::strategyId)
                .containsExactly("early", "late");
        assertThat(cutoffs.due(Seoul.at("2026-03-04T08:00"))).as("a new day").isEmpty();
    }

    @Test
    void eachDueNamesItsDayAndTheInstantItsCutoffCame() {
        CutoffCancels.Due due = cutoffs.due(Seoul.at("2026-03-03T15:30")).get(1);
        assertThat(due.day()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(due.cutoffAt()).isEqualTo(Seoul.at("2026-03-03T15:00"));
    }
}
