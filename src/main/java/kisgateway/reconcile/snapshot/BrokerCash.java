package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import kisgateway.kis.rest.CashSummary;

/**
 * The account's cash at the broker.
 *
 * @param deposit        dnca_tot_amt (예수금): moves only when trades settle
 * @param settlementCash prvs_rcdl_excc_amt (D+2): the deposit after today's and yesterday's trades settle
 * @param orderable      ord_psbl_cash of inquire-psbl-order, or null when not fetched
 */
public record BrokerCash(BigDecimal deposit, BigDecimal settlementCash, BigDecimal orderable) {

    public static BrokerCash of(CashSummary summary, BigDecimal orderable) {
        return new BrokerCash(summary.deposit(), summary.settlementCash(), orderable);
    }
}
