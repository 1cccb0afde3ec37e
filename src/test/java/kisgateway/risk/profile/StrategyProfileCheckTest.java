package kisgateway.risk.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import kisgateway.risk.Exchange;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.Orders;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Seoul;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A strategy held to its declared sessions and its cutoff: what each order type and venue needs, the cutoff's edge
 * to the second, what still passes after it (risk-reducing sells, cancels), and a strategy without a profile.
 */
class StrategyProfileCheckTest {

    private static final WorkingOrder RESTING_BUY = Orders.working("wb", Side.BUY, 10, "10000");
    private static final WorkingOrder RESTING_SELL = Orders.working("ws", Side.SELL, 20, "10100");

    @ParameterizedTest(name = "declares {0}: {1} on {2} -> {3}")
    @CsvSource({
            "REGULAR,                 00, KRX, ALLOW",
            "REGULAR,                 01, KRX, ALLOW",
            "REGULAR,                 05, KRX, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR,                 06, KRX, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR,                 07, KRX, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR,                 00, NXT, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR,                 00, SOR, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR PRE_MARKET,      05, KRX, ALLOW",
            "AFTER_CLOSE,             06, KRX, ALLOW",
            "AFTER_CLOSE,             00, KRX, STRATEGY_SESSION_NOT_DECLARED",
            "AFTER_HOURS_SINGLE_PRICE, 07, KRX, ALLOW",
            "NXT,                     00, NXT, ALLOW",
            "NXT,                     00, SOR, STRATEGY_SESSION_NOT_DECLARED",
            "REGULAR NXT,             00, SOR, ALLOW"
    })
    void anOrderNeedsTheSessionsOfItsTypeAndVenueDeclared(String declared, String type, Exchange exchange,
                                                          String expected) {
        EnumSet<TradingSessionKind> sessions = EnumSet.noneOf(TradingSessionKind.class);
        for (String s : declared.trim().split(" +")) {
            sessions.add(TradingSessionKind.valueOf(s));
        }
        StrategyProfileCheck check = check(new StrategyProfile(Orders.STRATEGY, sessions, null, false));
        RiskOrder order = Orders.order(Side.BUY, 1, type.equals("01") ? null : "10000", type, exchange);
        assertThat(outcome(check, order, Seoul.at("2026-03-03T10:00"))).isEqualTo(expected);
    }

    @Test
    void theRefusalNamesWhatTheOrderNeedsAndWhatTheStrategyDeclared() {
        StrategyProfileCheck check = check(new StrategyProfile(Orders.STRATEGY, EnumSet.of(TradingSessionKind.REGULAR),
                null, false));
        Finding f = finding(check, Orders.order(Side.BUY, 1, "10000", "00", Exchange.SOR), Seoul.at("2026-03-03T10:00"))
                .orElseThrow();
        assertThat(f.values()).containsEntry("needs", "NXT").containsEntry("declared", "REGULAR")
                .containsEntry("strategy", Orders.STRATEGY);
    }

    /** Held 100 shares, 20 of them offered by RESTING_SELL: a sell of up to 80 reduces risk. */
    @ParameterizedTest(name = "cutoff 14:30, at {0}: {1} -> {2}")
    @CsvSource({
            "14:29:59, new buy,             ALLOW",
            "14:30:00, new buy,             STRATEGY_CUTOFF_PASSED",
            "23:59:59, new buy,             STRATEGY_CUTOFF_PASSED",
            "14:30:00, new sell 80,         ALLOW",
            "14:30:00, new sell 81,         STRATEGY_CUTOFF_PASSED",
            "14:30:00, replace buy,         STRATEGY_CUTOFF_PASSED",
            "14:30:00, replace sell 100,    ALLOW",
            "14:30:00, cancel buy,          ALLOW"
    })
    void fromTheCutoffOnlyRiskReducingOrdersAndCancelsPass(String time, String request, String expected) {
        StrategyProfileCheck check = check(new StrategyProfile(Orders.STRATEGY, TradingSessionKind.ALL,
                LocalTime.parse("14:30"), false));
        assertThat(outcome(check, request(request), Seoul.at("2026-03-03T" + time))).isEqualTo(expected);
    }

    @Test
    void theCutoffIsOfEachDayItResetsAtMidnightInSeoul() {
        StrategyProfileCheck check = check(new StrategyProfile(Orders.STRATEGY, TradingSessionKind.ALL,
                LocalTime.parse("14:30"), false));
        assertThat(outcome(check, Orders.limit(Side.BUY, 1, "10000"), Seoul.at("2026-03-04T09:00"))).isEqualTo("ALLOW");
    }

    @Test
    void aStrategyWithoutAProfileAndAnUnrestrictedOneAreNotHeldBack() {
        StrategyProfileCheck none = new StrategyProfileCheck(Map.of());
        RiskOrder afterHours = Orders.order(Side.BUY, 1, "10000", "07", Exchange.KRX);
        assertThat(outcome(none, afterHours, Seoul.at("2026-03-03T23:00"))).isEqualTo("ALLOW");
        assertThat(outcome(check(StrategyProfile.unrestricted(Orders.STRATEGY)), afterHours,
                Seoul.at("2026-03-03T23:00"))).isEqualTo("ALLOW");
    }

    @Test
    void aProfileMustDeclareASessionAndCannotCancelAtACutoffItLacks() {
        assertThatThrownBy(() -> new StrategyProfile("s", EnumSet.noneOf(TradingSessionKind.class), null, false))
                .hasMessageContaining("declares no session");
        assertThatThrownBy(() -> new StrategyProfile("s", TradingSessionKind.ALL, null, true))
                .hasMessageContaining("cutoff it does not declare");
    }

    private static StrategyProfileCheck check(StrategyProfile profile) {
        return new StrategyProfileCheck(Map.of(profile.strategyId(), profile));
    }

    private static RiskOrder request(String request) {
        return switch (request.trim()) {
            case "new buy" -> Orders.limit(Side.BUY, 1, "10000");
            case "new sell 80" -> Orders.limit(Side.SELL, 80, "10100");
            case "new sell 81" -> Orders.limit(Side.SELL, 81, "10100");
            case "replace buy" -> Orders.replace(RESTING_BUY, 5, "10000");
            case "replace sell 100" -> Orders.replace(RESTING_SELL, 100, "10100");
            case "cancel buy" -> Orders.cancel(RESTING_BUY);
            default -> throw new IllegalArgumentException(request);
        };
    }

    private static String outcome(StrategyProfileCheck check, RiskOrder order, Instant at) {
        return finding(check, order, at).map(f -> f.rule().id()).orElse("ALLOW");
    }

    private static Optional<Finding> finding(StrategyProfileCheck check, RiskOrder order, Instant at) {
        FakeRiskInputs inputs = new FakeRiskInputs().position(Orders.SYMBOL, 100).working(RESTING_BUY)
                .working(RESTING_SELL);
        return check.check(order, new OrderContext(order, inputs, at));
    }
}
