package kisgateway.kis.rest;

import java.math.BigDecimal;

/**
 * inquire-balance {@code output2}, an ARRAY holding one object.
 *
 * @param deposit        dnca_tot_amt (예수금)
 * @param nextDayCash    nxdy_excc_amt (D+1)
 * @param settlementCash prvs_rcdl_excc_amt (D+2)
 * @param totalEvaluation tot_evlu_amt
 * @param netAssets      nass_amt
 */
public record CashSummary(BigDecimal deposit, BigDecimal nextDayCash, BigDecimal settlementCash,
                          BigDecimal totalEvaluation, BigDecimal netAssets) {
}
