package kisgateway.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kisgateway.reconcile.snapshot.BrokerPosition;
import kisgateway.reconcile.snapshot.LocalPosition;

/**
 * Positions per symbol, local against inquire-balance, after the run's missing fills (its external orders'
 * included) are counted in: quantity must agree exactly, the average price within a ratio (KIS's purchase
 * average may include fees). The average is only judged when no missing fill moves the symbol in this run; the
 * next run judges it on the settled books.
 */
final class PositionComparison {

    private final BigDecimal avgPriceTolerance;

    PositionComparison(BigDecimal avgPriceTolerance) {
        this.avgPriceTolerance = avgPriceTolerance;
    }

    /**
     * @param openBreaks the symbols of open position breaks are judged even when neither side lists them any
     *                   more (a position closed on both sides agrees, and its break resolves)
     */
    void compare(List<LocalPosition> local, List<BrokerPosition> broker, List<MissingFill> missingFills,
                 List<kisgateway.reconcile.snapshot.OpenBreak> openBreaks, Findings found) {
        Map<String, LocalPosition> mine = new TreeMap<>();
        local.forEach(p -> mine.put(p.symbol(), p));
        Map<String, BrokerPosition> theirs = new TreeMap<>();
        broker.forEach(p -> theirs.put(p.symbol(), p));
        Map<String, Long> pending = new TreeMap<>();
        missingFills.forEach(f -> pending.merge(f.symbol(), f.signedQuantity(), Long::sum));
        TreeSet<String> symbols = new TreeSet<>(mine.keySet());
        symbols.addAll(theirs.keySet());
        symbols.addAll(pending.keySet());
        openBreaks.stream().filter(b -> b.kind() == BreakKind.POSITION_QUANTITY || b.kind() == BreakKind.POSITION_AVG_PRICE)
                .forEach(b -> symbols.add(b.subject()));
        for (String symbol : symbols) {
            found.examined.add(symbol);
            LocalPosition l = mine.get(symbol);
            BrokerPosition b = theirs.get(symbol);
            long held = l == null ? 0 : l.quantity();
            long moving = pending.getOrDefault(symbol, 0L);
            long projected = held + moving;
            long brokerQty = b == null ? 0 : b.quantity();
            Evidence evidence = Evidence.builder()
                    .local("quantity", held).local("missingFillQuantity", moving).local("projectedQuantity", projected)
                    .local("avgPrice", l == null ? null : l.avgPrice())
                    .broker("quantity", brokerQty).broker("avgPrice", b == null ? null : b.avgPrice())
                    .broker("listed", b != null).build();
            if (projected != brokerQty) {
                found.addBreak(new Break(BreakKind.POSITION_QUANTITY, symbol, "holding " + projected + " locally"
                        + (moving == 0 ? "" : " (with this run's missing fills)") + ", " + brokerQty + " at KIS",
                        evidence));
                continue;
            }
            if (moving != 0 || projected <= 0 || l == null || b == null || l.avgPrice() == null
                    || b.avgPrice() == null || b.avgPrice().signum() == 0) {
                continue;
            }
            BigDecimal drift = l.avgPrice().subtract(b.avgPrice()).abs()
                    .divide(b.avgPrice(), 6, RoundingMode.HALF_UP);
            if (drift.compareTo(avgPriceTolerance) > 0) {
                found.addBreak(new Break(BreakKind.POSITION_AVG_PRICE, symbol, "average price "
                        + Evidence.text(l.avgPrice()) + " locally, " + Evidence.text(b.avgPrice()) + " at KIS ("
                        + Evidence.text(drift.movePointRight(2).setScale(2, RoundingMode.HALF_UP)) + " % apart)",
                        evidence));
            }
        }
    }
}
