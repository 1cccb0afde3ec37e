package kisgateway.kis.rest;

import java.util.List;

/** @param summary output2 of this page; null when KIS omits it */
public record DailyExecutionPage(List<DailyExecution> orders, DailyExecutionSummary summary) {

    public DailyExecutionPage {
        orders = List.copyOf(orders);
    }
}
