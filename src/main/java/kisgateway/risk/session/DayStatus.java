package kisgateway.risk.session;

/** What kind of day a date is for the Korean equity market. */
public enum DayStatus {
    TRADING_DAY,
    /** A trading day whose morning sessions open late (see {@link LateOpenPolicy}). */
    LATE_OPEN_DAY,
    WEEKEND,
    HOLIDAY,
    /** A date outside the years the holiday calendar covers: treated as closed until the calendar is extended. */
    NOT_COVERED;

    public boolean tradingDay() {
        return this == TRADING_DAY || this == LATE_OPEN_DAY;
    }
}
