package kisgateway.reconcile;

import java.math.BigDecimal;
import java.util.List;
import kisgateway.order.Side;
import kisgateway.reconcile.snapshot.BrokerCash;

/**
 * Expected cash against the broker's figure ({@link CashMeasure}), after the run's missing fills move it: a buy
 * spends, a sell brings in. Not compared when either side is unknown.
 */
final class CashComparison {

    static final String SUBJECT = "cash";

    private final BigDecimal tolerance;
    private final CashMeasure measure;

    CashComparison(BigDecimal tolerance, CashMeasure measure) {
        this.tolerance = tolerance;
        this.measure = measure;
    }

    void compare(BigDecimal expected, BrokerCash broker, List<MissingFill> missingFills, Findings found) {
        if (expected == null || broker == null || measure.of(broker) == null) {
            return;
        }
        found.examined.add(SUBJECT);
        BigDecimal moving = BigDecimal.ZERO;
        for (MissingFill f : missingFills) {
            moving = f.side() == Side.BUY ? moving.subtract(f.notional()) : moving.add(f.notional());
        }
        BigDecimal projected = expected.add(moving);
        BigDecimal actual = measure.of(broker);
        BigDecimal difference = projected.subtract(actual);
        if (difference.abs().compareTo(tolerance) > 0) {
            found.addBreak(new Break(BreakKind.CASH, SUBJECT, "expected " + Evidence.text(projected) + " ("
                    + measure + "), KIS reports " + Evidence.text(actual) + ": " + Evidence.text(difference)
                    + " apart, tolerance " + Evidence.text(tolerance), Evidence.builder()
                    .local("expected", expected).local("missingFillAmount", moving).local("projected", projected)
                    .local("tolerance", tolerance).local("measure", measure)
                    .broker("deposit", broker.deposit()).broker("settlementCashD2", broker.settlementCash())
                    .broker("orderable", broker.orderable()).build()));
        }
    }
}
