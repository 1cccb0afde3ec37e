package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.util.Objects;

import kisgateway.kis.OrderExchange;

/**
 * Revise an open order (order-rvsecncl, RVSE_CNCL_DVSN_CD 01). KIS answers with a NEW order number.
 *
 * @param orgNo           KRX_FWDG_ORD_ORGNO of the original order's ack
 * @param originalOrderNo ODNO of the order to revise (ORGN_ODNO)
 * @param allRemaining    QTY_ALL_ORD_YN Y: the whole remaining quantity (ORD_QTY is then sent as "0")
 */
public record OrderRevision(String orgNo, String originalOrderNo, OrderDivision division, long quantity,
                            boolean allRemaining, BigDecimal price, BigDecimal conditionPrice, OrderExchange exchange) {

    public OrderRevision {
        Objects.requireNonNull(orgNo, "orgNo");
        Objects.requireNonNull(originalOrderNo, "originalOrderNo");
        Objects.requireNonNull(division, "division");
        Objects.requireNonNull(price, "price");
    }

    public static OrderRevision allRemainingTo(String orgNo, String originalOrderNo, OrderDivision division,
                                               BigDecimal price) {
        return new OrderRevision(orgNo, originalOrderNo, division, 0, true, price, null, null);
    }

    public static OrderRevision partTo(String orgNo, String originalOrderNo, OrderDivision division, long quantity,
                                       BigDecimal price) {
        return new OrderRevision(orgNo, originalOrderNo, division, quantity, false, price, null, null);
    }
}
