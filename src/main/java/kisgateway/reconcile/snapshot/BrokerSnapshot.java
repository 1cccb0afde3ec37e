package kisgateway.reconcile.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What KIS reports for one account: every page of each inquiry, or no snapshot at all (a partial snapshot would
 * make present orders look absent).
 *
 * @param asOf       when the first page was requested; absence is judged against this time
 * @param orders     today's inquire-daily-ccld rows, every page
 * @param openOrders inquire-psbl-rvsecncl in live, {@link BrokerOpenOrder#derivedFrom} the rows in paper
 * @param positions  inquire-balance {@code output1[]}, every page
 * @param cash       inquire-balance {@code output2[0]}; null when not fetched (cash is then not compared)
 */
public record BrokerSnapshot(String account, Instant asOf, List<BrokerOrderRow> orders,
                             List<BrokerOpenOrder> openOrders, List<BrokerPosition> positions, BrokerCash cash) {

    public BrokerSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(asOf, "asOf");
        orders = List.copyOf(orders);
        openOrders = List.copyOf(openOrders);
        positions = List.copyOf(positions);
    }

    /** A paper-mode snapshot: KIS has no inquire-psbl-rvsecncl there, so open orders come from the rows. */
    public static BrokerSnapshot withDerivedOpenOrders(String account, Instant asOf, List<BrokerOrderRow> orders,
                                                       List<BrokerPosition> positions, BrokerCash cash) {
        return new BrokerSnapshot(account, asOf, orders, BrokerOpenOrder.derivedFrom(orders), positions, cash);
    }
}
