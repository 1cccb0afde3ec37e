package kisgateway.kis.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowLedgerTest {

    private static final long SPACING = 1_010_000_000L;

    @Test
    void nPlusFirstSendWaitsUntilTheOldestIsASpacingAgo() {
        SlidingWindowLedger ledger = new SlidingWindowLedger(3, SPACING);
        long t0 = Long.MAX_VALUE - 500_000_000L; // wraps around during the test
        ledger.record(t0);
        ledger.record(t0 + 100);
        assertThat(ledger.isFree(t0 + 200)).isTrue();
        ledger.record(t0 + 200);
        assertThat(ledger.isFree(t0 + 300)).isFalse();
        assertThat(ledger.earliestFree(t0 + 300)).isEqualTo(t0 + SPACING);
        assertThat(ledger.isFree(t0 + SPACING - 1)).isFalse();
        assertThat(ledger.isFree(t0 + SPACING)).isTrue();
        ledger.record(t0 + SPACING);
        assertThat(ledger.earliestFree(t0 + SPACING)).isEqualTo(t0 + 100 + SPACING);
    }

    @Test
    void aReserveKeepsTheNewestSendsOfTheWindowForOthers() {
        SlidingWindowLedger ledger = new SlidingWindowLedger(3, SPACING);
        long t0 = 1_000L;
        ledger.record(t0);
        assertThat(ledger.isFree(t0 + 10, 1)).as("two sends left, one may go").isTrue();
        ledger.record(t0 + 10);
        assertThat(ledger.isFree(t0 + 20, 1)).as("the last send is reserved").isFalse();
        assertThat(ledger.isFree(t0 + 20, 0)).isTrue();
        assertThat(ledger.earliestFree(t0 + 20, 1)).as("when the oldest ages out").isEqualTo(t0 + SPACING);
        ledger.record(t0 + 20);
        // full: with the reserve, the second oldest must have aged out
        assertThat(ledger.isFree(t0 + SPACING, 0)).isTrue();
        assertThat(ledger.isFree(t0 + SPACING, 1)).isFalse();
        assertThat(ledger.earliestFree(t0 + SPACING, 1)).isEqualTo(t0 + 10 + SPACING);
        assertThat(ledger.isFree(t0 + 10 + SPACING, 1)).isTrue();
    }

    @Test
    void aSendCountsFromItsAnswerAndTheEarliestIsReplacedNotTheOldestBooked() {
        SlidingWindowLedger ledger = new SlidingWindowLedger(3, SPACING);
        long t0 = Long.MAX_VALUE - 100L; // wraps around during the test
        long first = ledger.record(t0);
        ledger.record(t0 + 10);
        ledger.record(t0 + 20);
        // granted first, answered last (270 ms later): KIS may have counted it then
        ledger.arrivedBy(first, t0 + 270_000_000L);
        assertThat(ledger.isFree(t0 + 10 + SPACING)).as("the second is the earliest now").isTrue();
        ledger.record(t0 + 10 + SPACING);
        // the window's earliest is now the third (t0 + 20), then the first (t0 + 270 ms), not the first as booked
        assertThat(ledger.earliestFree(t0 + 10 + SPACING)).isEqualTo(t0 + 20 + SPACING);
        ledger.record(t0 + 20 + SPACING);
        assertThat(ledger.earliestFree(t0 + 20 + SPACING)).isEqualTo(t0 + 270_000_000L + SPACING);
        // once its place is taken (it aged out of the window), a late word of it changes nothing
        long now = t0 + 270_000_000L + SPACING;
        ledger.record(now);
        ledger.arrivedBy(first, now + 1);
        assertThat(ledger.earliestFree(now)).isEqualTo(t0 + 10 + 2 * SPACING);
    }

    @Test
    void anAnswerBeforeTheGrantNeverMovesASendEarlier() {
        SlidingWindowLedger ledger = new SlidingWindowLedger(1, SPACING);
        long place = ledger.record(5_000L);
        ledger.arrivedBy(place, 4_000L);
        assertThat(ledger.earliestFree(5_000L)).isEqualTo(5_000L + SPACING);
    }
}
