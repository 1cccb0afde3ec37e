package kisgateway.risk.killswitch;

import static kisgateway.risk.Checks.finding;
import static kisgateway.risk.Checks.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.MutableClock;
import kisgateway.risk.Orders;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillSwitchCheckTest {

    private static final WorkingOrder RESTING_BUY = Orders.working("wb", Side.BUY, 10, "10000");
    private static final WorkingOrder RESTING_SELL = Orders.working("ws", Side.SELL, 20, "10100");

    /** Held 100 shares, 20 of them already offered by RESTING_SELL: 80 more may be sold. */
    @ParameterizedTest(name = "{0} switch {1}: {2} -> {3}")
    @CsvSource({
            "GLOBAL,   ACTIVE,   new buy,              ALLOW",
            "GLOBAL,   ACTIVE,   new sell 81,          ALLOW",
            "GLOBAL,   REDUCING, new buy,              KILL_SWITCH_REDUCING",
            "GLOBAL,   REDUCING, new sell 80,          ALLOW",
            "GLOBAL,   REDUCING, new sell 81,          KILL_SWITCH_REDUCING",
            "GLOBAL,   REDUCING, replace buy smaller,  KILL_SWITCH_REDUCING",
            "GLOBAL,   REDUCING, replace sell 100,     ALLOW",
            "GLOBAL,   REDUCING, replace sell 101,     KILL_SWITCH_REDUCING",
            "GLOBAL,   REDUCING, cancel buy,           ALLOW",
            "GLOBAL,   HALTED,   new buy,              KILL_SWITCH_HALTED",
            "GLOBAL,   HALTED,   new sell 80,          KILL_SWITCH_HALTED",
            "GLOBAL,   HALTED,   replace sell 100,     KILL_SWITCH_HALTED",
            "GLOBAL,   HALTED,   cancel buy,           ALLOW",
            "GLOBAL,   HALTED,   cancel sell,          ALLOW",
            "ACCOUNT,  REDUCING, new buy,              KILL_SWITCH_REDUCING",
            "ACCOUNT,  HALTED,   new sell 80,          KILL_SWITCH_HALTED",
            "ACCOUNT,  HALTED,   cancel sell,          ALLOW",
            "STRATEGY, REDUCING, new sell 80,          ALLOW",
            "STRATEGY, HALTED,   new buy,              KILL_SWITCH_HALTED",
            "STRATEGY, HALTED,   cancel buy,           ALLOW"
    })
    void eachStateAgainstNewReducingAndCancel(ScopeKind kind, TradingState state, String request, String expected) {
        KillSwitchBoard board = KillSwitchBoard.load(new InMemoryTradingStateStore(), new MutableClock(Instant.EPOCH));
        KillSwitchScope scope = switch (kind) {
            case GLOBAL -> KillSwitchScope.global();
            case ACCOUNT -> KillSwitchScope.account(Orders.ACCOUNT);
            case STRATEGY -> KillSwitchScope.strategy(Orders.STRATEGY);
        };
        board.switchTo(scope, state, "ops", "test");
        FakeRiskInputs inputs = new FakeRiskInputs().position(Orders.SYMBOL, 100).working(RESTING_BUY).working(RESTING_SELL);
        assertThat(outcome(new KillSwitchCheck(board), request(request), inputs)).isEqualTo(expected);
    }

    /** Whatever the copy says, a board that cannot vouch for it refuses what places a quote, and lets cancels go. */
    @ParameterizedTest(name = "state unknown, copy {0}: {1} -> {2}")
    @CsvSource({
            "ACTIVE,   new buy,              KILL_SWITCH_STATE_UNKNOWN",
            "ACTIVE,   new sell 80,          KILL_SWITCH_STATE_UNKNOWN",
            "ACTIVE,   replace buy smaller,  KILL_SWITCH_STATE_UNKNOWN",
            "ACTIVE,   replace sell 100,     KILL_SWITCH_STATE_UNKNOWN",
            "ACTIVE,   cancel buy,           ALLOW",
            "ACTIVE,   cancel sell,          ALLOW",
            "REDUCING, new sell 80,          KILL_SWITCH_STATE_UNKNOWN",
            "HALTED,   new buy,              KILL_SWITCH_STATE_UNKNOWN",
            "HALTED,   cancel buy,           ALLOW"
    })
    void anUnknownStateRefusesNewOrdersAndRevisionsAndLetsCancelsThrough(TradingState copy, String request,
                                                                         String expected) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-03T01:00:00Z"));
        KillSwitchBoard board = KillSwitchBoard.load(new InMemoryTradingStateStore(), clock);
        board.switchTo(KillSwitchScope.global(), copy, "ops", "test");
        board.markUnknown("connection reset");
        FakeRiskInputs inputs = new FakeRiskInputs().position(Orders.SYMBOL, 100).working(RESTING_BUY).working(RESTING_SELL);
        assertThat(outcome(new KillSwitchCheck(board), request(request), inputs)).isEqualTo(expected);
    }

    @Test
    void theRefusalSaysSinceWhenAndWhy() {
        KillSwitchBoard board = KillSwitchBoard.load(new InMemoryTradingStateStore(),
                new MutableClock(Instant.parse("2026-03-03T01:00:00Z")));
        board.markUnknown("PSQLException: terminating connection due to administrator command");
        assertThat(finding(new KillSwitchCheck(board), request("new buy"), new FakeRiskInputs()).orElseThrow().values())
                .containsEntry("since", "2026-03-03T01:00:00Z")
                .containsEntry("cause", "PSQLException: terminating connection due to administrator command");
        board.reloadAndConfirm();
        assertThat(outcome(new KillSwitchCheck(board), request("new buy"), new FakeRiskInputs())).isEqualTo("ALLOW");
    }

    private static RiskOrder request(String text) {
        return switch (text) {
            case "new buy" -> Orders.limit(Side.BUY, 1, "10000");
            case "new sell 80" -> Orders.limit(Side.SELL, 80, "10000");
            case "new sell 81" -> Orders.limit(Side.SELL, 81, "10000");
            case "replace buy smaller" -> Orders.replace(RESTING_BUY, 5, "10000");
            // the revised sell's own 20 shares are freed by the revision itself
            case "replace sell 100" -> Orders.replace(RESTING_SELL, 100, "10100");
            case "replace sell 101" -> Orders.replace(RESTING_SELL, 101, "10100");
            case "cancel buy" -> Orders.cancel(RESTING_BUY);
            case "cancel sell" -> Orders.cancel(RESTING_SELL);
            default -> throw new IllegalArgumentException(text);
        };
    }
}
