package kisgateway.order;

/** Where an order is routed (KIS EXCG_ID_DVSN_CD): KRX, NXT (Nextrade), or SOR (smart order routing). */
public enum Exchange {
    KRX,
    NXT,
    SOR
}
