package kisgateway.kis.rest;

import java.util.Objects;

import kisgateway.kis.OrderExchange;

/**
 * Cancel an open order (order-rvsecncl, RVSE_CNCL_DVSN_CD 02, ORD_UNPR "0").
 *
 * @param division     ORD_DVSN is mandatory even for a cancel: the original order's division
 * @param allRemaining QTY_ALL_ORD_YN Y cancels whatever remains (ORD_QTY "0")
 */
public record OrderCancellation(String orgNo, String originalOrderNo, OrderDivision division, long quantity,
                                boolean allRemaining, OrderExchange exchange) {

    public OrderCancellation {
        Objects.requireNonNull(orgNo, "orgNo");
        Objects.requireNonNull(originalOrderNo, "originalOrderNo");
        Objects.requireNonNull(division, "division");
    }

    public static OrderCancellation allRemaining(String orgNo, String originalOrderNo, OrderDivision division) {
        return new OrderCancellation(orgNo, originalOrderNo, division, 0, true, null);
    }

    public static OrderCancellation part(String orgNo, String originalOrderNo, OrderDivision division, long quantity) {
        return new OrderCancellation(orgNo, originalOrderNo, division, quantity, false, null);
    }
}
