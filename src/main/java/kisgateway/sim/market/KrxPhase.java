package kisgateway.sim.market;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * The KRX trading day as KIS order entry sees it (KST): pre-market closing-price session 08:30–08:40 and the
 * opening auction until 09:00, continuous trading 09:00–15:20, closing auction 15:20–15:30, post-market
 * closing-price session 15:40–16:00, after-hours single-price session 16:00–18:00. Holidays are not modelled.
 */
public enum KrxPhase {
    CLOSED,
    /** 08:30–08:40: ORD_DVSN 05 and queued regular orders for the opening auction. */
    PRE_MARKET,
    /** 08:40–09:00: regular orders queue for the opening auction. */
    OPENING_AUCTION,
    /** 09:00–15:20. */
    CONTINUOUS,
    /** 15:20–15:30: treated as continuous by the matching (no call auction is simulated). */
    CLOSING_AUCTION,
    /** 15:30–15:40: nothing is accepted. */
    AFTER_CLOSE_GAP,
    /** 15:40–16:00: ORD_DVSN 06 at the close. */
    POST_MARKET,
    /** 16:00–18:00: ORD_DVSN 07. */
    AFTER_HOURS_SINGLE_PRICE;

    private static final LocalTime T0830 = LocalTime.of(8, 30);
    private static final LocalTime T0840 = LocalTime.of(8, 40);
    private static final LocalTime T0900 = LocalTime.of(9, 0);
    private static final LocalTime T1520 = LocalTime.of(15, 20);
    private static final LocalTime T1530 = LocalTime.of(15, 30);
    private static final LocalTime T1540 = LocalTime.of(15, 40);
    private static final LocalTime T1600 = LocalTime.of(16, 0);
    private static final LocalTime T1800 = LocalTime.of(18, 0);

    public static KrxPhase at(ZonedDateTime seoulTime, boolean weekendsTrade) {
        DayOfWeek day = seoulTime.getDayOfWeek();
        if (!weekendsTrade && (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY)) {
            return CLOSED;
        }
        LocalTime t = seoulTime.toLocalTime();
        if (t.isBefore(T0830)) {
            return CLOSED;
        } else if (t.isBefore(T0840)) {
            return PRE_MARKET;
        } else if (t.isBefore(T0900)) {
            return OPENING_AUCTION;
        } else if (t.isBefore(T1520)) {
            return CONTINUOUS;
        } else if (t.isBefore(T1530)) {
            return CLOSING_AUCTION;
        } else if (t.isBefore(T1540)) {
            return AFTER_CLOSE_GAP;
        } else if (t.isBefore(T1600)) {
            return POST_MARKET;
        } else if (t.isBefore(T1800)) {
            return AFTER_HOURS_SINGLE_PRICE;
        }
        return CLOSED;
    }

    /** Regular orders (limit, market, best, mid) may be entered: opening auction through the close. */
    public boolean acceptsRegularOrders() {
        return this == PRE_MARKET || this == OPENING_AUCTION || this == CONTINUOUS || this == CLOSING_AUCTION;
    }

    /** Trades print and orders match. */
    public boolean matches() {
        return this == CONTINUOUS || this == CLOSING_AUCTION;
    }
}
