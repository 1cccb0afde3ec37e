package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kisgateway.kis.error.KisBudgetExpired;
import org.junit.jupiter.api.Test;

/** The due backfills of several accounts: one account's failure neither drops the others nor loses its own gap. */
class FillBackfillDueTest {

    private final BackfillQueue queue = new BackfillQueue(Duration.ZERO, Clock.systemUTC());
    private final List<String> tried = new ArrayList<>();
    private final List<BackfillQueue.Checked> heard = new ArrayList<>();

    FillBackfillDueTest() {
        queue.whenChecked(heard::add);
    }

    private FillBackfill backfill(java.util.function.Function<String, RuntimeException> failureOf) {
        return new FillBackfill(null, account -> {
            tried.add(account);
            throw failureOf.apply(account);
        }, null, queue, Clock.systemUTC());
    }


    @Test
    void aBusyBudgetPostponesTheBackfillQuietlyAndTheOtherAccountsStillRun() {
        queue.request("a", "reconnect");
        queue.request("b", "reconnect");
        FillBackfill backfill = backfill(account -> new KisBudgetExpired("TTTC0081R", "BACKFILL", Duration.ofSeconds(30)));

        assertThat(backfill.runDue()).isEmpty();

        assertThat(tried).containsExactlyInAnyOrder("a", "b");
        assertThat(queue.takeDue()).extracting(BackfillQueue.Due::account).containsExactlyInAnyOrder("a", "b");
        assertThat(heard).as("a postponed backfill checked nothing: the stream is not confirmed by it").isEmpty();
    }

    @Test
    void anUnexpectedFailureIsThrownOnlyAfterEveryDueAccountHadItsTurn() {
        queue.request("a", "stale stream");
        queue.request("b", "stale stream");
        queue.request("c", "stale stream");
        FillBackfill backfill = backfill(account -> new IllegalStateException("broken " + account));

        assertThatThrownBy(backfill::runDue).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));

        assertThat(tried).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(queue.takeDue()).as("every gap is asked for again").extracting(BackfillQueue.Due::account)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(heard).isEmpty();
    }
}
