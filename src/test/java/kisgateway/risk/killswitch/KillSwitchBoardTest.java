package kisgateway.risk.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import kisgateway.risk.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillSwitchBoardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-03T01:00:00Z"));
    private InMemoryTradingStateStore store;
    private KillSwitchBoard board;

    @BeforeEach
    void setUp() {
        store = new InMemoryTradingStateStore();
        board = KillSwitchBoard.load(store, clock);
    }

    @ParameterizedTest(name = "global {0}, account {1}, strategy {2} -> {3}")
    @CsvSource({
            "ACTIVE,   ACTIVE,   ACTIVE,   ACTIVE",
            "REDUCING, ACTIVE,   ACTIVE,   REDUCING",
            "ACTIVE,   REDUCING, ACTIVE,   REDUCING",
            "ACTIVE,   ACTIVE,   HALTED,   HALTED",
            "REDUCING, HALTED,   ACTIVE,   HALTED",
            "HALTED,   ACTIVE,   REDUCING, HALTED",
            "REDUCING, ACTIVE,   REDUCING, REDUCING"
    })
    void theMostRestrictiveSwitchWins(TradingState global, TradingState account, TradingState strategy, TradingState expected) {
        board.switchTo(KillSwitchScope.global(), global, "ops", "test");
        board.switchTo(KillSwitchScope.account("acct1"), account, "ops", "test");
        board.switchTo(KillSwitchScope.strategy("alpha"), strategy, "ops", "test");
        assertThat(board.effectiveState("acct1", "alpha").state()).isEqualTo(expected);
        // other accounts and strategies only see the global switch
        assertThat(board.effectiveState("acct2", "beta").state()).isEqualTo(global);
    }

    @Test
    void reportsWhichSwitchDecidedAndWhy() {
        board.switchTo(KillSwitchScope.global(), TradingState.REDUCING, "ops", "market turmoil");
        board.switchTo(KillSwitchScope.strategy("alpha"), TradingState.HALTED, "risk-desk", "runaway strategy");
        EffectiveTradingState s = board.effectiveState("acct1", "alpha");
        assertThat(s.decidedBy()).isEqualTo(KillSwitchScope.strategy("alpha"));
        assertThat(s.reason()).isEqualTo("runaway strategy");
        assertThat(board.effectiveState("acct1", "beta").decidedBy()).isEqualTo(KillSwitchScope.global());
    }

    @Test
    void aChangeIsSavedAndAuditedWithActorAndTime() {
        TradingStateEntry e = board.switchTo(KillSwitchScope.account("acct1"), TradingState.HALTED, "kim", "fat finger");
        assertThat(e.changedAt()).isEqualTo(clock.instant());
        assertThat(store.audit).containsExactly("ACCOUNT:acct1 ACTIVE->HALTED by kim");
        board.switchTo(KillSwitchScope.account("acct1"), TradingState.ACTIVE, "lee", "resolved");
        assertThat(store.audit).last().isEqualTo("ACCOUNT:acct1 HALTED->ACTIVE by lee");
    }

    @Test
    void aChangeThatCouldNotBeSavedDoesNotTakeEffect() {
        store.failNextSave = true;
        assertThatThrownBy(() -> board.switchTo(KillSwitchScope.global(), TradingState.HALTED, "ops", "x"))
                .hasMessageContaining("database down");
        assertThat(board.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aChangeNeedsAnActorAndAReason() {
        assertThatThrownBy(() -> board.switchTo(KillSwitchScope.global(), TradingState.HALTED, " ", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> board.switchTo(KillSwitchScope.global(), TradingState.HALTED, "ops", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.rows).isEmpty();
    }

    @Test
    void loadsWhatWasSavedAndReloadsOtherInstancesChanges() {
        board.switchTo(KillSwitchScope.strategy("alpha"), TradingState.REDUCING, "ops", "x");
        KillSwitchBoard restarted = KillSwitchBoard.load(store, clock);
        assertThat(restarted.stateOf(KillSwitchScope.strategy("alpha"))).isEqualTo(TradingState.REDUCING);

        store.save(new TradingStateEntry(KillSwitchScope.global(), TradingState.HALTED, "other instance", "ops", clock.instant()));
        assertThat(restarted.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.ACTIVE);
        restarted.reload();
        assertThat(restarted.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aBoardThatLostItsNoticesIsUnknownFromThatMomentUntilAConfirmedReload() {
        assertThat(board.known()).isTrue();
        board.markUnknown("connection reset");
        Instant lost = clock.instant();
        clock.advance(java.time.Duration.ofSeconds(3));
        board.markUnknown("connection refused");
        assertThat(board.unknown()).as("the outage keeps its first moment and cause")
                .isEqualTo(new KillSwitchBoard.Unknown(lost, "connection reset"));

        // a timer reload reads the rows but cannot vouch for the next move: still unknown
        store.save(new TradingStateEntry(KillSwitchScope.global(), TradingState.HALTED, "elsewhere", "ops", clock.instant()));
        board.reload();
        assertThat(board.stateOf(KillSwitchScope.global())).isEqualTo(TradingState.HALTED);
        assertThat(board.known()).isFalse();

        board.reloadAndConfirm();
        assertThat(board.known()).isTrue();
        assertThat(board.unknown()).isNull();
    }

    @Test
    void aConfirmingReloadThatFailsLeavesTheBoardUnknown() {
        board.markUnknown("database restarting");
        store.failLoads = true;
        assertThatThrownBy(board::reloadAndConfirm).hasMessageContaining("database down");
        assertThat(board.known()).isFalse();
    }

    @Test
    void scopesAreWellFormed() {
        assertThatThrownBy(() -> KillSwitchScope.account("*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KillSwitchScope(ScopeKind.GLOBAL, "acct1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KillSwitchScope.strategy("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsOfEveryChangeItLearnsOfItsOwnAndAReloadsButNotOfAReloadThatFoundNothingNew() {
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        board.onChange(told::incrementAndGet);
        board.switchTo(KillSwitchScope.account("acct1"), TradingState.HALTED, "kim", "own move");
        assertThat(told).hasValue(1);
        board.reload();
        assertThat(told).as("nothing new").hasValue(1);
        // another instance's move, as its store row reaches this board
        KillSwitchBoard other = KillSwitchBoard.load(store, clock);
        other.switchTo(KillSwitchScope.strategy("alpha"), TradingState.REDUCING, "lee", "elsewhere");
        board.reload();
        assertThat(told).hasValue(2);
        other.switchTo(KillSwitchScope.global(), TradingState.HALTED, "lee", "elsewhere");
        board.reloadAndConfirm();
        assertThat(told).hasValue(3);
    }
}
