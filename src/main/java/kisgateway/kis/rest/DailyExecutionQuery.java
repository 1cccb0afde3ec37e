package kisgateway.kis.rest;

import java.time.LocalDate;
import java.util.Objects;

import kisgateway.kis.OrderSide;

/**
 * inquire-daily-ccld parameters.
 *
 * @param side        null for both sides (SLL_BUY_DVSN_CD 00)
 * @param symbol      PDNO, null for all
 * @param orderNo     ODNO, null for all
 * @param olderThanThreeMonths use the older-period TR (CTSC9215R / VTSC9215R); KIS says: query it after 15:30, short ranges
 */
public record DailyExecutionQuery(LocalDate from, LocalDate to, OrderSide side, String symbol, String orderNo,
                                  ExecutionFilter filter, boolean oldestFirst, boolean olderThanThreeMonths) {

    public DailyExecutionQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(filter, "filter");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    /** All orders of the days, both sides, oldest first, recent-period TR. */
    public static DailyExecutionQuery between(LocalDate from, LocalDate to) {
        return new DailyExecutionQuery(from, to, null, null, null, ExecutionFilter.ALL, true, false);
    }

    public DailyExecutionQuery onlyOrder(String odno) {
        return new DailyExecutionQuery(from, to, side, symbol, odno, filter, oldestFirst, olderThanThreeMonths);
    }

    public DailyExecutionQuery filtered(ExecutionFilter executionFilter) {
        return new DailyExecutionQuery(from, to, side, symbol, orderNo, executionFilter, oldestFirst,
                olderThanThreeMonths);
    }

    public DailyExecutionQuery olderPeriod() {
        return new DailyExecutionQuery(from, to, side, symbol, orderNo, filter, oldestFirst, true);
    }
}
