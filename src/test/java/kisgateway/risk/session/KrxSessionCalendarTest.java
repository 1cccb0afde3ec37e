package kisgateway.risk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import kisgateway.risk.Exchange;
import kisgateway.risk.Seoul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrxSessionCalendarTest {

    private static final KrxSessionCalendar CALENDAR = KrxSessionCalendar.fromSettings(SessionSettings.fromProperties(Map.of()));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-01-01, HOLIDAY",        // New Year's Day
            "2026-01-02, LATE_OPEN_DAY",  // first trading day, opening ceremony
            "2026-01-03, WEEKEND",
            "2026-01-04, WEEKEND",
            "2026-01-05, TRADING_DAY",
            "2026-02-16, HOLIDAY",        // Seollal
            "2026-02-18, HOLIDAY",
            "2026-02-19, TRADING_DAY",
            "2026-03-02, HOLIDAY",        // substitute for Sun Mar 1
            "2026-06-03, HOLIDAY",        // local elections
            "2026-07-17, HOLIDAY",        // Constitution Day, a public holiday again from 2026
            "2026-12-30, TRADING_DAY",    // last trading day of 2026
            "2026-12-31, HOLIDAY",        // year-end closing day
            "2027-02-09, HOLIDAY",        // Seollal substitute
            "2027-12-31, HOLIDAY",
            "2025-12-30, NOT_COVERED",    // before the calendar: unknown counts as closed
            "2028-01-03, NOT_COVERED"     // after it
    })
    void classifiesDays(LocalDate date, DayStatus expected) {
        assertThat(CALENDAR.dayStatus(date)).isEqualTo(expected);
        assertThat(CALENDAR.isTradingDay(date)).isEqualTo(expected.tradingDay());
    }

    @Test
    void namesTheHoliday() {
        assertThat(CALENDAR.holidayName(LocalDate.parse("2026-09-25"))).contains("Chuseok");
        assertThat(CALENDAR.holidayName(LocalDate.parse("2026-09-28"))).isEmpty();
    }

    @Test
    void nextTradingDaySkipsWeekendsAndHolidaysAndStopsAtTheCalendarsEnd() {
        assertThat(CALENDAR.nextTradingDay(LocalDate.parse("2026-12-30"))).contains(LocalDate.parse("2027-01-04"));
        assertThat(CALENDAR.nextTradingDay(LocalDate.parse("2026-02-13"))).contains(LocalDate.parse("2026-02-19"));
        assertThat(CALENDAR.nextTradingDay(LocalDate.parse("2027-12-30"))).isEmpty();
    }

    // 2026-03-03 is a Tuesday and an ordinary trading day
    @ParameterizedTest(name = "KRX {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "08:29:59; ''",
            "08:30:00; pre-off-hours,opening-auction",
            "08:39:59; pre-off-hours,opening-auction",
            "08:40:00; opening-auction",
            "08:59:59; opening-auction",
            "09:00:00; continuous",
            "15:19:59; continuous",
            "15:20:00; closing-auction",
            "15:29:59; closing-auction",
            "15:30:00; ''",
            "15:39:59; ''",
            "15:40:00; post-close-off-hours",
            "15:59:59; post-close-off-hours",
            "16:00:00; after-hours-single-price",
            "17:59:59; after-hours-single-price",
            "18:00:00; ''"
    })
    void krxSessionEdges(String time, String expectedWindows) {
        assertThat(String.join(",", CALENDAR.sessionAt(Seoul.at("2026-03-03T" + time), Exchange.KRX).openWindowNames()))
                .isEqualTo(expectedWindows);
    }

    @ParameterizedTest(name = "NXT {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "07:59:59; ''",
            "08:00:00; pre-market",
            "08:49:59; pre-market",
            "08:50:00; ''",          // NXT pauses before KRX's opening auction ends
            "09:00:29; ''",
            "09:00:30; main-market",
            "15:19:59; main-market",
            "15:20:00; ''",          // and during KRX's closing auction
            "15:29:59; ''",
            "15:30:00; after-market",
            "19:59:59; after-market",
            "20:00:00; ''"
    })
    void nxtSessionEdges(String time, String expectedWindows) {
        assertThat(String.join(",", CALENDAR.sessionAt(Seoul.at("2026-03-03T" + time), Exchange.NXT).openWindowNames()))
                .isEqualTo(expectedWindows);
    }

    @ParameterizedTest(name = "late open {0} {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "KRX; 08:30:00; ''",
            "KRX; 09:29:59; ''",
            "KRX; 09:30:00; pre-off-hours,opening-auction",
            "KRX; 09:40:00; opening-auction",
            "KRX; 09:59:59; opening-auction",
            "KRX; 10:00:00; continuous",
            "KRX; 15:20:00; closing-auction",
            "KRX; 16:00:00; after-hours-single-price",
            "NXT; 08:00:00; ''",       // NXT's pre-market is not held on the first trading day
            "NXT; 10:00:29; ''",
            "NXT; 10:00:30; main-market",
            "NXT; 15:30:00; after-market"
    })
    void lateOpeningDayMovesTheMorningSessions(Exchange exchange, String time, String expectedWindows) {
        assertThat(String.join(",", CALENDAR.sessionAt(Seoul.at("2026-01-02T" + time), exchange).openWindowNames()))
                .isEqualTo(expectedWindows);
    }

    @Test
    void sorSeesTheWindowsOfBothVenues() {
        assertThat(CALENDAR.sessionAt(Seoul.at("2026-03-03T08:10"), Exchange.SOR).openWindowNames())
                .containsExactly("pre-market");
        assertThat(CALENDAR.sessionAt(Seoul.at("2026-03-03T10:00"), Exchange.SOR).openWindowNames())
                .containsExactly("continuous", "main-market");
    }

    @Test
    void closedDaysHaveNoOpenWindowAtAnyTime() {
        assertThat(CALENDAR.sessionAt(Seoul.at("2026-02-17T10:00"), Exchange.KRX).open()).isFalse();
        assertThat(CALENDAR.sessionAt(Seoul.at("2026-03-07T10:00"), Exchange.NXT).open()).isFalse(); // Saturday
        assertThat(CALENDAR.sessionAt(Seoul.at("2028-03-07T10:00"), Exchange.KRX).dayStatus())
                .isEqualTo(DayStatus.NOT_COVERED);
    }

    @Test
    void sessionsFollowSeoulTimeWhateverTheInstantsZone() {
        // 00:00 UTC is 09:00 in Seoul
        assertThat(CALENDAR.sessionAt(java.time.Instant.parse("2026-03-03T00:00:00Z"), Exchange.KRX).openWindowNames())
                .containsExactly("continuous");
    }

    @Test
    void aDeskCanNarrowAWindow() {
        KrxSessionCalendar narrowed = KrxSessionCalendar.fromSettings(SessionSettings.fromProperties(Map.of(
                "risk.session.krx.continuous.hours", "09:30-15:00",
                "risk.session.krx.windows", "continuous")));
        assertThat(narrowed.sessionAt(Seoul.at("2026-03-03T09:29:59"), Exchange.KRX).open()).isFalse();
        assertThat(narrowed.sessionAt(Seoul.at("2026-03-03T09:30"), Exchange.KRX).open()).isTrue();
        assertThat(narrowed.sessionAt(Seoul.at("2026-03-03T15:00"), Exchange.KRX).open()).isFalse();
        assertThat(narrowed.sessionAt(Seoul.at("2026-03-03T16:30"), Exchange.KRX).open()).isFalse();
    }
}
