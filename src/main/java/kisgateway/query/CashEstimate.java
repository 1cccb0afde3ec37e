package kisgateway.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The cash an account can still order with, as the gateway's books have it: the broker's cash measured by the
 * day's first reconciliation (the measure of {@code reconcile.cash-measure}, less the fills known then), moved by
 * every fill of the day since (a sell brings in, a buy spends), less what the working buy orders hold (their open
 * shares at their limit price, a market buy at the last price). Fees and taxes are not in it. Unknown (null) until
 * a reconciliation has measured the day's cash.
 *
 * @param openingCash           the day's baseline; null when no reconciliation measured it today
 * @param measure               which broker figure the baseline is (SETTLEMENT_D2 or DEPOSIT); null with it
 * @param filledNet             today's sells less today's buys, as recorded
 * @param heldForBuys           the working buys' open shares at their limit (or the last) price
 * @param unpricedMarketBuys    market buys with no last price known, not in {@code heldForBuys}: the estimate is
 *                              too high by their value
 * @param asOf                  the latest change among the inputs (the baseline, a fill, a working buy)
 * @param readAt                the database's time of the read
 */
public record CashEstimate(BigDecimal openingCash, String measure, BigDecimal filledNet, BigDecimal heldForBuys,
                           int unpricedMarketBuys, Instant asOf, Instant readAt, ReconciliationMark reconciliation) {

    /** The break subject of an account's cash (reconciliation's CashComparison). */
    public static final String SUBJECT = "cash";

    /** Null when the day's baseline is not measured yet. */
    public BigDecimal orderableCash() {
        return openingCash == null ? null : openingCash.add(filledNet).subtract(heldForBuys);
    }

    /** The baseline moved by today's fills, before the working buys: what reconciliation expects the broker to show. */
    public BigDecimal expectedCash() {
        return openingCash == null ? null : openingCash.add(filledNet);
    }
}
