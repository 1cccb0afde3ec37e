package kisgateway.reconcile.snapshot;

import java.math.BigDecimal;

/** A row of the {@code positions} table: what the gateway believes it holds. */
public record LocalPosition(String symbol, long quantity, BigDecimal avgPrice) {
}
