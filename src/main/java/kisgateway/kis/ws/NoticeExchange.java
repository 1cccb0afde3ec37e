package kisgateway.kis.ws;

/**
 * {@code ORD_EXG_GB} of the 26-field layout: 1 KRX, 2 NXT, 3 SOR routed to KRX, 4 SOR routed to NXT.
 * The older 23-field layout has no such field ({@link #UNSPECIFIED}); it predates NXT, so it means KRX in practice.
 */
public enum NoticeExchange {
    KRX,
    NXT,
    SOR_KRX,
    SOR_NXT,
    UNSPECIFIED
}
