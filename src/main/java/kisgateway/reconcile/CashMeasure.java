package kisgateway.reconcile;

import java.math.BigDecimal;
import kisgateway.reconcile.snapshot.BrokerCash;

/**
 * Which broker cash figure the expected cash is compared with. Korean equities settle on D+2, so today's fills
 * move prvs_rcdl_excc_amt (D+2) at once and dnca_tot_amt (deposit) only when they settle; the expected cash must
 * be built on the same figure (start-of-day value of it, moved by today's fill amounts).
 */
public enum CashMeasure {
    /** prvs_rcdl_excc_amt */
    SETTLEMENT_D2,
    /** dnca_tot_amt */
    DEPOSIT;

    public BigDecimal of(BrokerCash cash) {
        return this == DEPOSIT ? cash.deposit() : cash.settlementCash();
    }
}
