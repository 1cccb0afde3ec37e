package kisgateway.risk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketHolidayCalendarTest {

    @Test
    void shippedCalendarCoversTwoYearsAndEndsEachWithTheYearEndClosingDay() {
        MarketHolidayCalendar c = MarketHolidayCalendar.load(SessionSettings.DEFAULT_HOLIDAY_CALENDAR);
        assertThat(c.coveredYears()).containsExactly(2026, 2027);
        assertThat(c.closedReason(LocalDate.parse("2026-12-31"))).hasValueSatisfying(n -> assertThat(n).contains("Year-end"));
        assertThat(c.closedReason(LocalDate.parse("2027-12-31"))).isPresent();
        assertThat(c.lateOpen(LocalDate.parse("2026-01-02"))).isTrue();
    }

    @Test
    void everyLateOpeningDayIsAWeekday() {
        MarketHolidayCalendar c = MarketHolidayCalendar.load(SessionSettings.DEFAULT_HOLIDAY_CALENDAR);
        for (LocalDate d = LocalDate.parse("2026-01-01"); d.getYear() < 2028; d = d.plusDays(1)) {
            if (c.lateOpen(d)) {
                assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }
    }

    @Test
    void loadsAFileFromTheFileSystem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "# test\ndate,kind,name\n2030-05-01,CLOSED,Labor Day\n");
        MarketHolidayCalendar c = MarketHolidayCalendar.load("file:" + f);
        assertThat(c.covers(LocalDate.parse("2030-12-01"))).isTrue();
        assertThat(c.covers(LocalDate.parse("2029-12-01"))).isFalse();
        assertThat(c.closedReason(LocalDate.parse("2030-05-01"))).contains("Labor Day");
    }

    @Test
    void refusesMalformedData() {
        assertThatThrownBy(() -> parse("2026-01-01,CLOSED,x\n")).hasMessageContaining("header");
        assertThatThrownBy(() -> parse("date,kind,name\n2026-01-01,OPEN,x\n")).hasMessageContaining("CLOSED or LATE_OPEN");
        assertThatThrownBy(() -> parse("date,kind,name\n2026-13-01,CLOSED,x\n")).hasMessageContaining("ISO date");
        assertThatThrownBy(() -> parse("date,kind,name\n2026-01-01,CLOSED,x\n2026-01-01,LATE_OPEN,y\n"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("date,kind,name\n")).hasMessageContaining("no dates");
        assertThatThrownBy(() -> MarketHolidayCalendar.load("classpath:risk/missing.csv")).hasMessageContaining("not found");
    }

    private static MarketHolidayCalendar parse(String text) throws Exception {
        return MarketHolidayCalendar.parse(new StringReader(text), "test");
    }
}
