package kisgateway.reconcile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import kisgateway.risk.limits.TickSettings;

/**
 * The tunables of a reconciliation run.
 *
 * @param cashTolerance           KRW: |expected - broker| above this is a CASH break (fees and taxes are inside)
 * @param cashMeasure             which broker cash figure the expected cash is built on
 * @param inFlightGrace           an order sent less than this long before the broker snapshot is not yet judged
 *                                absent (a SUBMITTED order also gets its time-to-live on top)
 * @param matchWindowBefore       the matcher's window before the send time (an unmeasured clock skew; a measured
 *                                one is added per run, see {@link #withMatchWindowWidenedBy})
 * @param matchWindowAfter        the matcher's window after the send time (KIS queueing, retries)
 * @param fillPriceTolerance      KRW per share: an order number's average fill price, locally vs at KIS
 * @param positionAvgPriceTolerance a ratio (0.005 = 0.5 %): KIS's purchase average may include fees
 * @param ticks                   the KRX tick tables, to judge a single missing share's implied price
 */
public record ReconciliationSettings(BigDecimal cashTolerance, CashMeasure cashMeasure, Duration inFlightGrace,
                                     Duration matchWindowBefore, Duration matchWindowAfter,
                                     BigDecimal fillPriceTolerance, BigDecimal positionAvgPriceTolerance,
                                     TickSettings ticks) {

    public ReconciliationSettings {
        Objects.requireNonNull(cashTolerance, "cashTolerance");
        Objects.requireNonNull(cashMeasure, "cashMeasure");
        Objects.requireNonNull(inFlightGrace, "inFlightGrace");
        Objects.requireNonNull(matchWindowBefore, "matchWindowBefore");
        Objects.requireNonNull(matchWindowAfter, "matchWindowAfter");
        Objects.requireNonNull(fillPriceTolerance, "fillPriceTolerance");
        Objects.requireNonNull(positionAvgPriceTolerance, "positionAvgPriceTolerance");
        Objects.requireNonNull(ticks, "ticks");
    }

    /**
     * Cash within 1,000 KRW, D+2 cash, 2 minutes in-flight grace, a match window of 5 s before and 60 s after the
     * send, 1 KRW per share on fill prices, 0.5 % on position averages, the default KRX tick tables.
     */
    public static ReconciliationSettings defaults() {
        return new ReconciliationSettings(new BigDecimal("1000"), CashMeasure.SETTLEMENT_D2, Duration.ofMinutes(2),
                Duration.ofSeconds(5), Duration.ofSeconds(60), BigDecimal.ONE, new BigDecimal("0.005"),
                TickSettings.fromProperties(Map.of()));
    }

    public ReconciliationSettings withCashTolerance(BigDecimal tolerance) {
        return new ReconciliationSettings(tolerance, cashMeasure, inFlightGrace, matchWindowBefore, matchWindowAfter,
                fillPriceTolerance, positionAvgPriceTolerance, ticks);
    }

    public ReconciliationSettings withInFlightGrace(Duration grace) {
        return new ReconciliationSettings(cashTolerance, cashMeasure, grace, matchWindowBefore, matchWindowAfter,
                fillPriceTolerance, positionAvgPriceTolerance, ticks);
    }

    /**
     * The match window widened on both sides by {@code clockSkew} (either sign): KIS stamps its order times on its
     * own clock, the gateway its sends on this host's, so a KIS clock 8 s behind puts KIS's order 8 s before the send.
     */
    public ReconciliationSettings withMatchWindowWidenedBy(Duration clockSkew) {
        Duration by = clockSkew.abs();
        return new ReconciliationSettings(cashTolerance, cashMeasure, inFlightGrace, matchWindowBefore.plus(by),
                matchWindowAfter.plus(by), fillPriceTolerance, positionAvgPriceTolerance, ticks);
    }

    public ReconciliationSettings withPositionAvgPriceTolerance(BigDecimal ratio) {
        return new ReconciliationSettings(cashTolerance, cashMeasure, inFlightGrace, matchWindowBefore,
                matchWindowAfter, fillPriceTolerance, ratio, ticks);
    }
}
