package kisgateway.risk.session;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kisgateway.risk.Exchange;

/**
 * The Korean equity market's calendar: which dates trade (weekends and the holiday data file excluded) and which
 * session windows of KRX and NXT are open at an instant, in Asia/Seoul. Used by the pre-trade gate and by anything
 * that needs to know whether the market is open (reconciliation timers, reports).
 */
public final class KrxSessionCalendar {

    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final MarketHolidayCalendar holidays;
    private final Map<Exchange, List<TradingSessionWindow>> regularWindows = new EnumMap<>(Exchange.class);
    private final Map<Exchange, List<TradingSessionWindow>> lateOpenWindows = new EnumMap<>(Exchange.class);

    public KrxSessionCalendar(SessionSettings settings, MarketHolidayCalendar holidays) {
        this.holidays = holidays;
        for (Exchange exchange : Exchange.values()) {
            List<TradingSessionWindow> regular = settings.windows(exchange);
            List<TradingSessionWindow> late = new ArrayList<>();
            for (TradingSessionWindow w : regular) {
                w.onLateOpenDay(settings.lateOpenDelay()).ifPresent(late::add);
            }
            regularWindows.put(exchange, regular);
            lateOpenWindows.put(exchange, List.copyOf(late));
        }
    }

    /** The calendar with the holiday file the settings name. */
    public static KrxSessionCalendar fromSettings(SessionSettings settings) {
        return new KrxSessionCalendar(settings, MarketHolidayCalendar.load(settings.holidayCalendar()));
    }

    public DayStatus dayStatus(LocalDate date) {
        if (!holidays.covers(date)) {
            return DayStatus.NOT_COVERED;
        }
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return DayStatus.WEEKEND;
        }
        if (holidays.closedReason(date).isPresent()) {
            return DayStatus.HOLIDAY;
        }
        return holidays.lateOpen(date) ? DayStatus.LATE_OPEN_DAY : DayStatus.TRADING_DAY;
    }

    /** False on weekends, holidays and dates outside the calendar's years. */
    public boolean isTradingDay(LocalDate date) {
        return dayStatus(date).tradingDay();
    }

    /** The holiday's name from the data file, when the date is one. */
    public Optional<String> holidayName(LocalDate date) {
        return holidays.closedReason(date);
    }

    /** The first trading day after {@code date}, if the calendar covers one. */
    public Optional<LocalDate> nextTradingDay(LocalDate date) {
        for (LocalDate d = date.plusDays(1); holidays.covers(d); d = d.plusDays(1)) {
            if (isTradingDay(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The session windows a venue holds on a date (none on a closed day); SOR gets those of KRX and NXT. */
    public List<TradingSessionWindow> windowsOn(LocalDate date, Exchange exchange) {
        return switch (dayStatus(date)) {
            case TRADING_DAY -> regularWindows.get(exchange);
            case LATE_OPEN_DAY -> lateOpenWindows.get(exchange);
            default -> List.of();
        };
    }

    /** Which windows of the venue are open at the instant. */
    public MarketSession sessionAt(Instant instant, Exchange exchange) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, SEOUL);
        LocalDate date = local.toLocalDate();
        DayStatus status = dayStatus(date);
        List<TradingSessionWindow> open = new ArrayList<>(2);
        for (TradingSessionWindow w : windowsOn(date, exchange)) {
            if (w.contains(local.toLocalTime())) {
                open.add(w);
            }
        }
        return new MarketSession(exchange, date, local.toLocalTime(), status, open);
    }

    public MarketHolidayCalendar holidays() {
        return holidays;
    }
}
