package kisgateway.risk.session;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kisgateway.risk.Exchange;

/**
 * The state of a venue at one instant: the Seoul date and time, what kind of day it is, and the session windows
 * open at that time (KRX's pre-open off-hours and opening auction overlap, so there may be more than one; for SOR,
 * the windows of KRX and NXT together).
 */
public record MarketSession(Exchange exchange, LocalDate date, LocalTime time, DayStatus dayStatus,
                            List<TradingSessionWindow> openWindows) {

    public MarketSession {
        openWindows = List.copyOf(openWindows);
    }

    public boolean open() {
        return !openWindows.isEmpty();
    }

    /** True when some open window accepts the ORD_DVSN code. */
    public boolean accepts(String orderType) {
        for (TradingSessionWindow w : openWindows) {
            if (w.accepts(orderType)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the open windows, e.g. "[pre-off-hours, opening-auction]". */
    public List<String> openWindowNames() {
        return openWindows.stream().map(TradingSessionWindow::name).toList();
    }
}
