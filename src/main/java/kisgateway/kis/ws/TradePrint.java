package kisgateway.kis.ws;

import java.time.LocalTime;

/**
 * One record of the KRX trade stream H0STCNT0 (실시간체결가, reference §4): the symbol, the price it traded at
 * (STCK_PRPR, KRW) and the KST time (STCK_CNTG_HOUR). {@code trade} is false for the expected prices KIS prints
 * in the same TR during auctions and VI (HOUR_CLS_CODE A/B/C/D): those are not trades.
 */
public record TradePrint(String symbol, long price, LocalTime time, boolean trade) {
}
