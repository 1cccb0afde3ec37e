package kisgateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TradeRegistrationsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    @Test
    void aSymbolIsRegisteredOnceWhoeverNeedsIt() {
        TradeRegistrations r = new TradeRegistrations(3, Duration.ofSeconds(60), 10);
        assertThat(r.needForLastPrice("005930")).isTrue();
        TradeRegistrations.Admission a = r.needForTicks(List.of("005930", "000660"));
        assertThat(a.granted()).isTrue();
        assertThat(a.newlyRegistered()).containsExactly("000660");
        assertThat(r.registered()).containsExactly("005930", "000660");
        assertThat(r.free()).isEqualTo(1);
    }

    @Test
    void aRequestBeyondTheRegistrationsIsRefusedWholeWithItsReason() {
        TradeRegistrations r = new TradeRegistrations(3, Duration.ofSeconds(60), 10);
        r.needForLastPrice("005930");
        r.needForTicks(List.of("000660"));
        TradeRegistrations.Admission a = r.needForTicks(List.of("035420", "051910"));
        assertThat(a.granted()).isFalse();
        assertThat(a.reason()).contains("2 new symbol(s)", "[035420, 051910]", "1 free of the 3",
                "1 stream last prices", "1 strategies' ticks");
        assertThat(r.registered()).containsExactly("005930", "000660");
        // what is registered already is no new registration
        assertThat(r.needForTicks(List.of("005930", "000660")).granted()).isTrue();
    }

    @Test
    void theLastPriceFeedDegradesWhenStrategiesTookEveryRegistration() {
        TradeRegistrations r = new TradeRegistrations(2, Duration.ofSeconds(60), 10);
        r.needForTicks(List.of("000660", "035420"));
        assertThat(r.needForLastPrice("005930")).isFalse();
        assertThat(r.needForLastPrice("000660")).isTrue();
    }

    @Test
    void anUnleasedSymbolIsReleasedOnlyAfterTheHoldAndARenewalInTheHoldKeepsIt() {
        TradeRegistrations r = new TradeRegistrations(3, Duration.ofSeconds(60), 10);
        r.needForTicks(List.of("000660", "035420"));
        r.leasesGone(List.of("000660", "035420"), T0);
        assertThat(r.releasable(T0.plusSeconds(59))).isEmpty();
        // counted while held
        assertThat(r.free()).isEqualTo(1);
        assertThat(r.needForTicks(List.of("035420")).newlyRegistered()).isEmpty();
        assertThat(r.releasable(T0.plusSeconds(60))).containsExactly("000660");
        assertThat(r.registered()).containsExactly("035420");
    }

    @Test
    void aLastPriceSymbolIsNeverReleased() {
        TradeRegistrations r = new TradeRegistrations(3, Duration.ZERO, 10);
        r.needForLastPrice("005930");
        r.needForTicks(List.of("005930"));
        r.leasesGone(List.of("005930"), T0);
        assertThat(r.releasable(T0.plusSeconds(3600))).isEmpty();
        assertThat(r.registered()).containsExactly("005930");
    }

    @Test
    void releasesAreCappedPerMinuteSoThatChurnNeverReachesKis() {
        TradeRegistrations r = new TradeRegistrations(10, Duration.ZERO, 2);
        r.needForTicks(List.of("A00001", "A00002", "A00003"));
        r.leasesGone(List.of("A00001"), T0);
        r.leasesGone(List.of("A00002"), T0.plusSeconds(1));
        r.leasesGone(List.of("A00003"), T0.plusSeconds(2));
        assertThat(r.releasable(T0.plusSeconds(3))).containsExactly("A00001", "A00002");
        assertThat(r.releasable(T0.plusSeconds(62))).isEmpty();
        assertThat(r.releasable(T0.plusSeconds(63))).containsExactly("A00003");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TradeRegistrations(-1, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TradeRegistrations(1, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Set.of()).isEmpty();
    }
}
