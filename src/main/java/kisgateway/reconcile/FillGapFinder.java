package kisgateway.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.reconcile.snapshot.BrokerOrderRow;
import kisgateway.reconcile.snapshot.LocalFill;

/**
 * Compares what KIS reports filled on one order number (inquire-daily-ccld gives only the cumulative quantity and
 * the average price or total amount) with the fills recorded under that number. The missing part becomes one
 * fill at the implied price, (broker value - local value) / missing quantity rounded to the won, identified by
 * the cumulative quantity it reaches; more filled locally than at KIS is a break.
 */
final class FillGapFinder {

    private final ReconciliationSettings settings;

    FillGapFinder(ReconciliationSettings settings) {
        this.settings = settings;
    }

    RowFills compare(String account, UUID orderId, BrokerOrderRow row, List<LocalFill> local, Instant occurredAt) {
        long localQty = local.stream().mapToLong(LocalFill::quantity).sum();
        BigDecimal localValue = local.stream().map(LocalFill::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        String at = "@" + row.orderNo();
        Evidence evidence = Evidence.builder()
                .local("filled" + at, localQty).local("filledValue" + at, localValue)
                .local("fills" + at, local.size())
                .broker("filled" + at, row.filledQuantity()).broker("avgFillPrice" + at, row.avgFillPrice())
                .broker("filledAmount" + at, row.filledAmount())
                .build();
        long missing = row.filledQuantity() - localQty;
        if (missing < 0) {
            return problem(row, localQty, localValue, BreakKind.FILLS_AHEAD, "the fills table holds " + localQty
                    + " filled on " + row.orderNo() + ", KIS reports " + row.filledQuantity(), evidence);
        }
        if (missing == 0) {
            if (localQty > 0) {
                BigDecimal localAvg = localValue.divide(BigDecimal.valueOf(localQty), 4, RoundingMode.HALF_UP);
                BigDecimal brokerAvg = row.filledValue().divide(BigDecimal.valueOf(localQty), 4, RoundingMode.HALF_UP);
                if (localAvg.subtract(brokerAvg).abs().compareTo(settings.fillPriceTolerance()) > 0) {
                    return problem(row, localQty, localValue, BreakKind.FILL_PRICE, "average fill price on "
                            + row.orderNo() + " is " + Evidence.text(localAvg) + " locally, "
                            + Evidence.text(brokerAvg) + " at KIS", evidence);
                }
            }
            return new RowFills(row, localQty, localValue, null, null, null, evidence);
        }
        BigDecimal exact = row.filledValue().subtract(localValue);
        BigDecimal implied = exact.divide(BigDecimal.valueOf(missing), 0, RoundingMode.HALF_UP);
        Optional<String> implausible = implausibility(row, missing, exact, implied);
        Evidence withPrice = evidence.merge(Evidence.builder().broker("missing" + at, missing)
                .broker("impliedPrice" + at, implied).build());
        if (implausible.isPresent()) {
            return problem(row, localQty, localValue, BreakKind.IMPLIED_PRICE, "the " + missing + " missing on "
                    + row.orderNo() + " imply a price of " + Evidence.text(implied) + ": " + implausible.get(), withPrice);
        }
        MissingFill fill = new MissingFill(orderId, account, row.orderNo(), row.symbol(), row.side(), missing, implied,
                occurredAt, row.filledQuantity(), withPrice);
        return new RowFills(row, localQty, localValue, fill, null, null, withPrice);
    }

    private Optional<String> implausibility(BrokerOrderRow row, long missing, BigDecimal exact, BigDecimal implied) {
        if (implied.signum() <= 0) {
            return Optional.of("not a positive price");
        }
        Optional<OrderType> type = OrderType.ofCode(row.orderDivisionCode());
        boolean limitBound = type.isPresent() && type.get().requiresPrice() && type.get() != OrderType.CONDITIONAL_LIMIT
                && row.price().signum() > 0;
        // each fill of a limit order is at the limit or better, so their average is too
        if (limitBound && row.side() == Side.BUY
                && implied.compareTo(row.price().add(settings.fillPriceTolerance())) > 0) {
            return Optional.of("above the buy limit " + Evidence.text(row.price()));
        }
        if (limitBound && row.side() == Side.SELL
                && implied.compareTo(row.price().subtract(settings.fillPriceTolerance())) < 0) {
            return Optional.of("below the sell limit " + Evidence.text(row.price()));
        }
        // one missing share is one execution: its price is on the tick grid. Only judged when KIS gave the exact
        // amount (tot_ccld_amt); avg_prvs x quantity carries the average's rounding. Several missing shares average
        // several executions, which need not be on the grid.
        boolean exactAmount = row.filledAmount() != null && row.filledAmount().signum() > 0;
        if (missing == 1 && exactAmount && !onFinestGrid(exact)) {
            return Optional.of("off the KRX tick grid");
        }
        return Optional.empty();
    }

    /** On the grid of the finest tick any instrument has at that price (stock or exchange-traded product). */
    private boolean onFinestGrid(BigDecimal price) {
        BigDecimal stock = settings.ticks().stockTable().tickFor(price);
        BigDecimal etp = settings.ticks().etpTable().tickFor(price);
        BigDecimal finest = stock.min(etp);
        return price.remainder(finest).signum() == 0;
    }

    private static RowFills problem(BrokerOrderRow row, long localQty, BigDecimal localValue, BreakKind kind,
                                    String summary, Evidence evidence) {
        return new RowFills(row, localQty, localValue, null, kind, summary, evidence);
    }
}
