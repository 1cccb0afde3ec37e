package kisgateway.reconcile;

import static kisgateway.reconcile.Fixtures.AS_OF;
import static kisgateway.reconcile.Fixtures.SYMBOL;
import static kisgateway.reconcile.Fixtures.day;
import static kisgateway.reconcile.Fixtures.id;
import static kisgateway.reconcile.Fixtures.kst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakLifecycleTest {

    @Test
    void aBreakFoundAgainStaysOpenWithFreshEvidenceAndItsOpeningTime() {
        ReconciliationOutcome outcome = day().openBreak(7, BreakKind.CASH, "cash", kst(9, 0, 0))
                .cash("10000000", "9000000").reconcile();
        assertThat(outcome.newBreaks()).isEmpty();
        assertThat(outcome.resolvedBreaks()).isEmpty();
        assertThat(outcome.stillOpenBreaks()).singleElement().satisfies(s -> {
            assertThat(s.open().breakId()).isEqualTo(7);
            assertThat(s.open().openedAt()).isEqualTo(kst(9, 0, 0));
            assertThat(s.current()).hasValueSatisfying(b -> assertThat(b.evidence().broker())
                    .containsEntry("settlementCashD2", "9000000"));
        });
        assertThat(outcome.breaksFound()).hasSize(1);
        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.counts().breaksOpened()).isZero();
        assertThat(outcome.counts().breaksStillOpen()).isEqualTo(1);
    }

    @Test
    void aBreakWhoseSubjectNowAgreesIsResolvedWithItsTimeToResolve() {
        ReconciliationOutcome outcome = day().openBreak(7, BreakKind.CASH, "cash", kst(9, 0, 0))
                .openBreak(8, BreakKind.POSITION_QUANTITY, SYMBOL, kst(9, 30, 0))
                .localPosition(SYMBOL, 10, "71000").brokerPosition(SYMBOL, 10, "71000")
                .cash("10000000", "10000000").reconcile();
        assertThat(outcome.resolvedBreaks()).extracting(r -> r.open().breakId()).containsExactly(8L, 7L);
        assertThat(outcome.resolvedBreaks().get(1).resolvedAt()).isEqualTo(AS_OF.plusSeconds(5));
        assertThat(outcome.resolvedBreaks().get(1).timeToResolve()).isEqualTo(Duration.ofMinutes(60).plusSeconds(5));
        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.counts().breaksResolved()).isEqualTo(2);
    }

    @Test
    void aPositionClosedOnBothSidesResolvesItsBreak() {
        ReconciliationOutcome outcome = day().openBreak(8, BreakKind.POSITION_QUANTITY, SYMBOL, kst(9, 30, 0)).reconcile();
        assertThat(outcome.resolvedBreaks()).extracting(r -> r.open().breakId()).containsExactly(8L);
    }

    @Test
    void aSubjectTheRunDidNotExamineKeepsItsBreakOpen() {
        ReconciliationOutcome outcome = day()
                .openBreak(9, BreakKind.ORDER_STATUS, id(42).toString(), kst(9, 0, 0))
                .openBreak(10, BreakKind.CASH, "cash", kst(9, 0, 0)).reconcile();
        assertThat(outcome.resolvedBreaks()).isEmpty();
        assertThat(outcome.stillOpenBreaks()).extracting(s -> s.open().breakId(), s -> s.current().isPresent())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9L, false),
                        org.assertj.core.groups.Tuple.tuple(10L, false));
    }

    @Test
    void anotherKindOnTheSameSubjectIsANewBreakAndTheOldOneResolves() {
        ReconciliationOutcome outcome = day().openBreak(3, BreakKind.POSITION_AVG_PRICE, SYMBOL, kst(9, 0, 0))
                .localPosition(SYMBOL, 10, "71000").brokerPosition(SYMBOL, 11, "71000").reconcile();
        assertThat(outcome.newBreaks()).extracting(Break::kind).containsExactly(BreakKind.POSITION_QUANTITY);
        assertThat(outcome.resolvedBreaks()).extracting(r -> r.open().kind()).containsExactly(BreakKind.POSITION_AVG_PRICE);
    }
}
