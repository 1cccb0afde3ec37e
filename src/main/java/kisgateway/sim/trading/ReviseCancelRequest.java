package kisgateway.sim.trading;

/**
 * order-rvsecncl: revise (RVSE_CNCL_DVSN_CD 01) or cancel (02) the unfilled rest of {@code origOdno}.
 *
 * @param branch  KRX_FWDG_ORD_ORGNO as sent; must be the branch that booked the original
 * @param allQty  QTY_ALL_ORD_YN = Y: the whole unfilled rest, ORD_QTY ignored
 * @param kind    ORD_DVSN of the revision (ignored for cancels)
 */
public record ReviseCancelRequest(String cano, String origOdno, String branch, OrderAction action, OrderKind kind,
                                  long qty, boolean allQty, long price, long stopPrice, OrderSource source,
                                  long receivedNanos) {
}
