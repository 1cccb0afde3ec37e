package kisgateway.risk.session;

import java.util.Optional;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * An order may only go out on a trading day, inside a session window of its venue that accepts its ORD_DVSN code
 * (a 05 pre-open off-hours order only 08:30-08:40, a 07 after-hours single-price order only 16:00-18:00, ...).
 * Cancels are never held back here: the broker refuses a pointless one, but a needed one must not wait for us.
 */
public final class SessionGate implements PreTradeCheck {

    private final KrxSessionCalendar calendar;

    public SessionGate(KrxSessionCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        MarketSession session = calendar.sessionAt(context.now(), order.exchange());
        switch (session.dayStatus()) {
            case NOT_COVERED:
                return Optional.of(Finding.of(RiskRule.CALENDAR_NOT_COVERED, "date", session.date(),
                        "coveredYears", calendar.holidays().coveredYears()));
            case WEEKEND:
            case HOLIDAY:
                return Optional.of(Finding.of(RiskRule.NOT_TRADING_DAY, "date", session.date(),
                        "dayStatus", session.dayStatus(),
                        "holiday", calendar.holidayName(session.date()).orElse("")));
            default:
                break;
        }
        if (!session.open()) {
            return Optional.of(Finding.of(RiskRule.SESSION_CLOSED, "exchange", order.exchange(),
                    "time", session.time(), "date", session.date()));
        }
        if (!session.accepts(order.orderType())) {
            return Optional.of(Finding.of(RiskRule.ORDER_TYPE_NOT_IN_SESSION, "exchange", order.exchange(),
                    "orderType", order.orderType(), "time", session.time(),
                    "openSessions", String.join(",", session.openWindowNames())));
        }
        return Optional.empty();
    }
}
