package kisgateway.kis.ws;

import java.time.LocalTime;

/**
 * One record of the KRX trade stream H0STCNT0 (실시간체결가, docs/architecture.md#realtime-socket): the symbol, the price
 * it traded at
 * (STCK_PRPR, KRW) and the KST time (STCK_CNTG_HOUR). {@code trade} is false for the expected prices KIS prints
 * in the same TR during auctions and VI (HOUR_CLS_CODE A/B/C/D): those are not trades.
 *
 * @param tradeVolume      the print's quantity (CNTG_VOL), -1 when KIS sent none readable
 * @param cumulativeVolume the symbol's volume so far today (ACML_VOL), -1 when KIS sent none readable: the market's
 *                         side of the participation review
 */
public record TradePrint(String symbol, long price, LocalTime time, boolean trade, long tradeVolume,
                         long cumulativeVolume) {

    /** A print whose volumes are not known. */
    public TradePrint(String symbol, long price, LocalTime time, boolean trade) {
        this(symbol, price, time, trade, -1, -1);
    }
}
