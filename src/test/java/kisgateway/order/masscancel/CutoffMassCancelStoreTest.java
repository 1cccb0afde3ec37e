package kisgateway.order.masscancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import kisgateway.order.JdbcOrderStore;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** A cutoff's mass cancel on the real database (V16): one run per strategy and day, resumed by each sweep. */
class CutoffMassCancelStoreTest {

    private final JdbcMassCancelStore store = new JdbcMassCancelStore(new JdbcOrderStore(
            SharedInfrastructure.get().dataSource().dataSource(), Clock.systemUTC()), Clock.systemUTC());

    @Test
    void aStrategysCutoffIsOneReducingRunOfItsScopePerDayResumedBySweeps() {
        String strategy = "s-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2026-03-03T06:00:00Z");
        MassCancelRequest first = MassCancelRequest.forCutoff(strategy, LocalDate.of(2026, 3, 3), LocalTime.of(15, 0), at);
        JdbcMassCancelStore.Begun begun = store.begin(first);
        assertThat(begun.existed()).isFalse();
        store.finish(first.requestId());
        JdbcMassCancelStore.Begun again = store.begin(MassCancelRequest.forCutoff(strategy, LocalDate.of(2026, 3, 3),
                LocalTime.of(15, 0), at));
        assertThat(again.existed()).isTrue();
        assertThat(again.report().runs()).isEqualTo(2);
        MassCancelRequest stored = again.report().request();
        assertThat(stored.trigger()).isEqualTo(MassCancelTrigger.CUTOFF);
        assertThat(stored.mode()).isEqualTo(TradingState.REDUCING);
        assertThat(stored.scope()).isEqualTo(KillSwitchScope.strategy(strategy));
        assertThat(store.begin(MassCancelRequest.forCutoff(strategy, LocalDate.of(2026, 3, 4), LocalTime.of(15, 0),
                at.plusSeconds(86_400))).existed()).as("the next day's is its own run").isFalse();
    }
}
