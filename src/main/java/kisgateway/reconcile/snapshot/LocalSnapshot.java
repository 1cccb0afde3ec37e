package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway believes about one account, read in one database transaction.
 *
 * @param account       the account alias
 * @param asOf          when it was read
 * @param orders        today's orders, every order not in a terminal state, and every order an open break names
 *                      (a break whose subject is not examined stays open)
 * @param fills         the trading day's fills of the account, parked ones (no order yet) included
 * @param positions     the {@code positions} rows of the account
 * @param expectedCash  the cash the broker should report (see {@code ReconciliationSettings.cashMeasure}):
 *                      the start-of-day baseline moved by today's fill amounts; null when unknown (not compared)
 * @param openBreaks    the account's open breaks from earlier runs
 */
public record LocalSnapshot(String account, Instant asOf, List<LocalOrder> orders, List<LocalFill> fills,
                            List<LocalPosition> positions, BigDecimal expectedCash, List<OpenBreak> openBreaks) {

    public LocalSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(asOf, "asOf");
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        positions = List.copyOf(positions);
        openBreaks = openBreaks == null ? List.of() : List.copyOf(openBreaks);
    }
}
