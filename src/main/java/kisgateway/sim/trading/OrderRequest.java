package kisgateway.sim.trading;

/**
 * A new cash order as order-cash (or the admin "outside" order) asks for it.
 *
 * @param price         ORD_UNPR (0 when the kind carries none)
 * @param stopPrice     CNDT_PRIC for ORD_DVSN 22, else 0
 * @param exchange      EXCG_ID_DVSN_CD (KRX, NXT, SOR): recorded, all match on one book
 * @param receivedNanos {@link System#nanoTime()} when the request was admitted
 */
public record OrderRequest(String cano, String symbol, Side side, OrderKind kind, long qty, long price,
                           long stopPrice, String exchange, OrderSource source, long receivedNanos) {
}
