package kisgateway.sim.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How many calls the busiest sliding second held, as KIS's limit counts them. */
class RestCallTimesTest {

    private static final long MS = 1_000_000L;

    @Test
    void eighteenAtTheEndOfOneSecondAndEighteenAtTheStartOfTheNextAreThirtySixInOneWindow() {
        RestCallTimes times = new RestCallTimes();
        long t0 = 5_000 * MS;
        for (int i = 0; i < 18; i++) {
            times.record(t0 + 900 * MS + i * MS, true, "TTTC0012U");
            times.record(t0 + 1_010 * MS + i * MS, true, "FHKST01010100");
        }
        BusiestSecond busiest = times.busiestSecond(t0, true);
        assertThat(busiest.calls()).isEqualTo(36);
        assertThat(busiest.startNanos()).isEqualTo(t0 + 900 * MS);
        assertThat(times.byTrId(busiest.startNanos(), busiest.startNanos() + 1_000 * MS, true))
                .containsExactly(java.util.Map.entry("FHKST01010100", 18), java.util.Map.entry("TTTC0012U", 18));
    }

    @Test
    void callsExactlyOneSecondApartAreInDifferentWindowsAsTheLimiterAdmitsThem() {
        long t0 = 7 * MS;
        assertThat(BusiestSecond.of(new long[] {t0, t0 + 1_000 * MS, t0 + 2_000 * MS}).calls()).isEqualTo(1);
        assertThat(BusiestSecond.of(new long[] {t0 + 999 * MS, t0}).calls()).isEqualTo(2);
        assertThat(BusiestSecond.of(new long[0])).isEqualTo(new BusiestSecond(0, 0));
    }

    @Test
    void refusedCallsCountAsOfferedButNotAsAdmittedAndEarlierCallsAreLeftOut() {
        RestCallTimes times = new RestCallTimes();
        long t0 = 1_000 * MS;
        times.record(t0 - 10 * MS, true, null);
        for (int i = 0; i < 20; i++) {
            times.record(t0 + i * 10 * MS, i < 18, "TTTC0012U");
        }
        assertThat(times.busiestSecond(t0, false).calls()).isEqualTo(20);
        assertThat(times.busiestSecond(t0, true).calls()).isEqualTo(18);
        assertThat(times.busiestSecond(t0 - 10 * MS, true).calls()).isEqualTo(19);
        assertThat(times.since(t0, false)).hasSize(20).startsWith(t0);
        assertThat(times.refusedSince(t0)).containsExactly(t0 + 180 * MS, t0 + 190 * MS);
        assertThat(times.byTrId(t0 - 10 * MS, t0 + 1_000 * MS, false)).containsExactly(java.util.Map.entry("-", 1),
                java.util.Map.entry("TTTC0012U", 20));
    }

    @Test
    void aSpanOlderThanTheCallsHeldIsRefusedRatherThanUndercounted() {
        RestCallTimes times = new RestCallTimes();
        for (int i = 0; i <= RestCallTimes.CAPACITY; i++) {
            times.record(i * MS, true, null);
        }
        assertThatThrownBy(() -> times.busiestSecond(0, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("latest " + RestCallTimes.CAPACITY);
        assertThat(times.since(MS, true)).hasSize(RestCallTimes.CAPACITY);
        assertThat(times.busiestSecond(MS, true).calls()).isEqualTo(1000);
    }
}
