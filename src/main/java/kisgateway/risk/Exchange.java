package kisgateway.risk;

/** Where an order is routed (KIS EXCG_ID_DVSN_CD): KRX, the NXT alternative venue, or KIS smart order routing. */
public enum Exchange {
    KRX,
    NXT,
    SOR
}
