package kisgateway.ops.drills;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When the weekly drill is due: on the configured weekday, inside the configured window (Seoul time), on a trading
 * day. The default window is the opening call (08:40-08:55): a limit order is taken and rests until 09:00, and no
 * continuous trading runs yet, so the drill order cannot meet a trade. The slot is that date: one drill per slot
 * across instances and restarts ({@link DrillSlots}).
 */
public final class DrillSchedule {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final DrillSettings settings;
    private final Predicate<LocalDate> tradingDay;

    public DrillSchedule(DrillSettings settings, Predicate<LocalDate> tradingDay) {
        this.settings = settings;
        this.tradingDay = tradingDay;
    }

    /** The slot that is open now, if one is. */
    public Optional<LocalDate> openSlot(Instant now) {
        ZonedDateTime seoul = now.atZone(SEOUL);
        LocalDate date = seoul.toLocalDate();
        boolean inWindow = !seoul.toLocalTime().isBefore(settings.from()) && seoul.toLocalTime().isBefore(settings.until());
        if (seoul.getDayOfWeek() == settings.day() && inWindow && tradingDay.test(date)) {
            return Optional.of(date);
        }
        return Optional.empty();
    }
}
