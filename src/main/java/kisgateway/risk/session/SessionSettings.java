package kisgateway.risk.session;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kisgateway.risk.Exchange;
import kisgateway.risk.OrderDivision;
import kisgateway.risk.RiskProperties;

/**
 * Session windows per venue and the holiday calendar, from {@code risk.session.*}. SOR has no windows of its own:
 * it is open when KRX or NXT is.
 *
 * <p>Keys: {@code risk.session.holiday-calendar}, {@code risk.session.late-open-delay-minutes},
 * {@code risk.session.<krx|nxt>.windows} (names, in order) and per window
 * {@code risk.session.<venue>.<window>.hours} ({@code HH:mm[:ss]-HH:mm[:ss]}), {@code .order-types} (ORD_DVSN codes)
 * and {@code .on-late-open} ({@link LateOpenPolicy}). Windows named in the defaults below may leave out keys; a new
 * window name needs all three.
 */
public record SessionSettings(String holidayCalendar, Duration lateOpenDelay, List<TradingSessionWindow> krxWindows,
                              List<TradingSessionWindow> nxtWindows) {

    public static final String DEFAULT_HOLIDAY_CALENDAR = "classpath:risk/krx-holidays-2026-2027.csv";
    public static final long DEFAULT_LATE_OPEN_DELAY_MINUTES = 60;

    private static final String KRX_REGULAR_TYPES = "00,01,02,03,04,11,12,13,14,15,16,21,22,23,24";
    private static final String NXT_MAIN_TYPES = "00,03,04,11,12,13,14,15,16,21,22,23,24";

    /** The defaults, each as hours | order types | late-open policy; config/risk.properties says why. */
    private static final Map<String, String[]> KRX_DEFAULTS = ordered(
            "pre-off-hours", new String[] {"08:30-08:40", "05", "SHIFT"},
            "opening-auction", new String[] {"08:30-09:00", "00,01", "SHIFT"},
            "continuous", new String[] {"09:00-15:20", KRX_REGULAR_TYPES, "DELAY_START"},
            "closing-auction", new String[] {"15:20-15:30", "00,01", "UNCHANGED"},
            "post-close-off-hours", new String[] {"15:40-16:00", "06", "UNCHANGED"},
            "after-hours-single-price", new String[] {"16:00-18:00", "07", "UNCHANGED"});
    private static final Map<String, String[]> NXT_DEFAULTS = ordered(
            "pre-market", new String[] {"08:00-08:50", "00", "CLOSED"},
            "main-market", new String[] {"09:00:30-15:20", NXT_MAIN_TYPES, "DELAY_START"},
            "after-market", new String[] {"15:30-20:00", "00", "UNCHANGED"});

    public SessionSettings {
        Objects.requireNonNull(holidayCalendar, "holidayCalendar");
        Objects.requireNonNull(lateOpenDelay, "lateOpenDelay");
        krxWindows = List.copyOf(krxWindows);
        nxtWindows = List.copyOf(nxtWindows);
    }

    public static SessionSettings fromProperties(Map<String, String> properties) {
        return from(new RiskProperties(properties));
    }

    public static SessionSettings from(RiskProperties p) {
        String calendar = p.string("risk.session.holiday-calendar", DEFAULT_HOLIDAY_CALENDAR);
        Duration delay = Duration.ofMinutes(p.positiveLong("risk.session.late-open-delay-minutes",
                DEFAULT_LATE_OPEN_DELAY_MINUTES));
        return new SessionSettings(calendar, delay, windows(p, Exchange.KRX, KRX_DEFAULTS),
                windows(p, Exchange.NXT, NXT_DEFAULTS));
    }

    /** The configured windows of KRX or NXT; for SOR those of both. */
    public List<TradingSessionWindow> windows(Exchange exchange) {
        return switch (exchange) {
            case KRX -> krxWindows;
            case NXT -> nxtWindows;
            case SOR -> {
                List<TradingSessionWindow> both = new ArrayList<>(krxWindows);
                both.addAll(nxtWindows);
                yield List.copyOf(both);
            }
        };
    }

    private static List<TradingSessionWindow> windows(RiskProperties p, Exchange venue, Map<String, String[]> defaults) {
        String base = "risk.session." + venue.name().toLowerCase(Locale.ROOT) + ".";
        List<TradingSessionWindow> windows = new ArrayList<>();
        for (String name : p.list(base + "windows", String.join(",", defaults.keySet()))) {
            String[] d = defaults.getOrDefault(name, new String[3]);
            String prefix = base + name + ".";
            String hours = required(p, prefix + "hours", d[0]);
            String types = required(p, prefix + "order-types", d[1]);
            String lateOpen = required(p, prefix + "on-late-open", d[2]);
            LocalTime[] range = hours(prefix + "hours", hours);
            Set<String> codes = new LinkedHashSet<>();
            for (String code : p.list(prefix + "order-types", types)) {
                OrderDivision division = OrderDivision.ofCode(code).orElseThrow(() ->
                        RiskProperties.invalid(prefix + "order-types", types, "KIS ORD_DVSN codes; unknown: " + code));
                if (!division.acceptedOn(venue)) {
                    throw RiskProperties.invalid(prefix + "order-types", types,
                            "codes " + venue + " accepts; " + code + " is not one");
                }
                codes.add(code);
            }
            LateOpenPolicy policy;
            try {
                policy = LateOpenPolicy.valueOf(lateOpen.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RiskProperties.invalid(prefix + "on-late-open", lateOpen, "one of UNCHANGED, SHIFT, DELAY_START, CLOSED");
            }
            windows.add(new TradingSessionWindow(name, range[0], range[1], codes, policy));
        }
        return windows;
    }

    private static String required(RiskProperties p, String key, String defaultValue) {
        String v = p.string(key, defaultValue);
        if (v == null) {
            throw new IllegalArgumentException(key + " is required for a session window without defaults");
        }
        return v;
    }

    private static LocalTime[] hours(String key, String value) {
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw RiskProperties.invalid(key, value, "HH:mm-HH:mm (Asia/Seoul)");
        }
        try {
            LocalTime start = LocalTime.parse(parts[0].strip());
            LocalTime end = LocalTime.parse(parts[1].strip());
            if (!start.isBefore(end)) {
                throw RiskProperties.invalid(key, value, "a start before the end");
            }
            return new LocalTime[] {start, end};
        } catch (DateTimeParseException e) {
            throw RiskProperties.invalid(key, value, "HH:mm-HH:mm (Asia/Seoul)");
        }
    }

    private static Map<String, String[]> ordered(Object... namesAndValues) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (String[]) namesAndValues[i + 1]);
        }
        return m;
    }
}
