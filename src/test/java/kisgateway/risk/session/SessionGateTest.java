package kisgateway.risk.session;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionGateTest {

    private static final SessionGate GATE =
            new SessionGate(KrxSessionCalendar.fromSettings(SessionSettings.fromProperties(Map.of())));

    @ParameterizedTest(name = "{0} {1} at {2} -> {3}")
    @CsvSource({
            // KRX pre-open off-hours (05) only 08:30-08:40
            "KRX, 05, 2026-03-03T08:29:59, SESSION_CLOSED",
            "KRX, 05, 2026-03-03T08:30,    ALLOW",
            "KRX, 05, 2026-03-03T08:39:59, ALLOW",
            "KRX, 05, 2026-03-03T08:40,    ORDER_TYPE_NOT_IN_SESSION",
            // opening auction takes limit and market, not best-price or IOC
            "KRX, 00, 2026-03-03T08:45,    ALLOW",
            "KRX, 01, 2026-03-03T08:45,    ALLOW",
            "KRX, 03, 2026-03-03T08:59:59, ORDER_TYPE_NOT_IN_SESSION",
            "KRX, 11, 2026-03-03T08:59:59, ORDER_TYPE_NOT_IN_SESSION",
            "KRX, 03, 2026-03-03T09:00,    ALLOW",
            "KRX, 21, 2026-03-03T09:00,    ALLOW",
            "KRX, 13, 2026-03-03T15:19:59, ALLOW",
            "KRX, 13, 2026-03-03T15:20,    ORDER_TYPE_NOT_IN_SESSION",
            "KRX, 00, 2026-03-03T15:29:59, ALLOW",
            "KRX, 00, 2026-03-03T15:30,    SESSION_CLOSED",
            // post-close off-hours at the closing price (06) 15:40-16:00
            "KRX, 06, 2026-03-03T15:39:59, SESSION_CLOSED",
            "KRX, 06, 2026-03-03T15:40,    ALLOW",
            "KRX, 06, 2026-03-03T15:59:59, ALLOW",
            "KRX, 06, 2026-03-03T16:00,    ORDER_TYPE_NOT_IN_SESSION",
            // after-hours single price (07) 16:00-18:00; nothing else then
            "KRX, 07, 2026-03-03T16:00,    ALLOW",
            "KRX, 00, 2026-03-03T16:00,    ORDER_TYPE_NOT_IN_SESSION",
            "KRX, 07, 2026-03-03T17:59:59, ALLOW",
            "KRX, 07, 2026-03-03T18:00,    SESSION_CLOSED",
            "KRX, 07, 2026-03-03T09:30,    ORDER_TYPE_NOT_IN_SESSION",
            // NXT
            "NXT, 00, 2026-03-03T07:59:59, SESSION_CLOSED",
            "NXT, 00, 2026-03-03T08:00,    ALLOW",
            "NXT, 03, 2026-03-03T08:00,    ORDER_TYPE_NOT_IN_SESSION",
            "NXT, 00, 2026-03-03T08:50,    SESSION_CLOSED",
            "NXT, 00, 2026-03-03T09:00:30, ALLOW",
            "NXT, 21, 2026-03-03T12:00,    ALLOW",
            "NXT, 00, 2026-03-03T19:59:59, ALLOW",
            "NXT, 00, 2026-03-03T20:00,    SESSION_CLOSED",
            // SOR follows whichever venue is open
            "SOR, 00, 2026-03-03T08:10,    ALLOW",
            "SOR, 01, 2026-03-03T08:10,    ORDER_TYPE_NOT_IN_SESSION",
            "SOR, 01, 2026-03-03T10:00,    ALLOW",
            "SOR, 00, 2026-03-03T19:00,    ALLOW",
            "SOR, 00, 2026-03-03T20:00,    SESSION_CLOSED",
            // closed days
            "KRX, 00, 2026-02-17T10:00,    NOT_TRADING_DAY",
            "KRX, 00, 2026-03-07T10:00,    NOT_TRADING_DAY",
            "NXT, 00, 2026-12-31T08:10,    NOT_TRADING_DAY",
            "KRX, 00, 2028-03-07T10:00,    CALENDAR_NOT_COVERED",
            // late opening day: KRX continuous trading from 10:00
            "KRX, 03, 2026-01-02T09:59:59, ORDER_TYPE_NOT_IN_SESSION",
            "KRX, 03, 2026-01-02T10:00,    ALLOW",
            "KRX, 00, 2026-01-02T09:00,    SESSION_CLOSED"
    })
    void ordersOnlyInTheirSessions(Exchange exchange, String orderType, String at, String expected) {
        String price = kisgateway.risk.OrderDivision.ofCode(orderType).orElseThrow().priced() ? "70000" : null;
        RiskOrder order = Orders.order(Side.BUY, 1, price, orderType, exchange);
        Optional<Finding> finding = GATE.check(order, new OrderContext(order, new FakeRiskInputs(), Seoul.at(at)));
        assertThat(finding.map(f -> f.rule().id()).orElse("ALLOW")).isEqualTo(expected);
    }

    @Test
    void reportsTheHolidayAndTheOpenSessions() {
        RiskOrder order = Orders.limit(Side.BUY, 1, "70000");
        Finding holiday = GATE.check(order, new OrderContext(order, new FakeRiskInputs(), Seoul.at("2026-09-25T10:00"))).orElseThrow();
        assertThat(holiday.values()).containsEntry("holiday", "Chuseok").containsEntry("dayStatus", "HOLIDAY");
        RiskOrder best = Orders.order(Side.BUY, 1, null, "03", Exchange.KRX);
        Finding auction = GATE.check(best, new OrderContext(best, new FakeRiskInputs(), Seoul.at("2026-03-03T08:35"))).orElseThrow();
        assertThat(auction.values()).containsEntry("openSessions", "pre-off-hours,opening-auction");
    }

    @Test
    void cancelsPassOnClosedDaysAndAtNight() {
        RiskOrder cancel = Orders.cancel(Orders.working("w1", Side.BUY, 10, "70000"));
        assertThat(GATE.check(cancel, new OrderContext(cancel, new FakeRiskInputs(), Seoul.at("2026-02-17T10:00")))).isEmpty();
        assertThat(GATE.check(cancel, new OrderContext(cancel, new FakeRiskInputs(), Seoul.at("2026-03-03T23:00")))).isEmpty();
    }
}
