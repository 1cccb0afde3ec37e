package kisgateway.sim.ws;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import kisgateway.sim.market.TickSize;
import kisgateway.sim.market.TradeTick;

/**
 * Plain real-time market-data frames: H0STCNT0 (체결가, 46 fields) and H0STASP0 (호가, 59 fields,
 * see docs/architecture.md#realtime-socket), each as {@code 0|TR_ID|001|f0^f1^…}.
 */
final class MarketDataFormat {
    static final String TICK_TR = "H0STCNT0";
    /** 실시간체결가 (통합), KRX and NXT in one stream: the same 46 fields ([OTA] ccnl_total.py); real domain only. */
    static final String INTEGRATED_TICK_TR = "H0UNCNT0";
    static final String ASKING_PRICE_TR = "H0STASP0";
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private MarketDataFormat() {
    }

    static String tickFrame(TradeTick t) {
        return tickFrame(t, TICK_TR);
    }

    static String tickFrame(TradeTick t, String trId) {
        long prevClose = t.instrument().previousClose();
        long listed = t.instrument().listedShares();
        double rate = 100.0 * t.change() / prevClose;
        double strength = t.sellVolume() == 0 ? 100.0 * t.buyVolume() : 100.0 * t.buyVolume() / t.sellVolume();
        double buyShare = t.volume() == 0 ? 0 : 100.0 * t.buyVolume() / t.volume();
        String[] f = new String[46];
        f[0] = t.instrument().code();
        f[1] = t.time().format(HHMMSS);
        f[2] = Long.toString(t.price());
        f[3] = t.changeSign();
        f[4] = Long.toString(t.change());
        f[5] = decimal(rate);
        f[6] = decimal(t.vwap());
        f[7] = Long.toString(t.open());
        f[8] = Long.toString(t.high());
        f[9] = Long.toString(t.low());
        f[10] = Long.toString(t.askPrice1());
        f[11] = Long.toString(t.bidPrice1());
        f[12] = Long.toString(t.tradeQty());
        f[13] = Long.toString(t.volume());
        f[14] = Long.toString(t.turnover());
        f[15] = Long.toString(t.sellTrades());
        f[16] = Long.toString(t.buyTrades());
        f[17] = Long.toString(t.buyTrades() - t.sellTrades());
        f[18] = decimal(strength);
        f[19] = Long.toString(t.sellVolume());
        f[20] = Long.toString(t.buyVolume());
        f[21] = t.buyAggressor() ? "1" : "5";
        f[22] = decimal(buyShare);
        f[23] = decimal(listed == 0 ? 0 : 100.0 * t.volume() / Math.max(1, listed / 500));
        f[24] = t.openTime().format(HHMMSS);
        f[25] = relativeSign(t.price(), t.open());
        f[26] = Long.toString(t.price() - t.open());
        f[27] = t.highTime().format(HHMMSS);
        f[28] = relativeSign(t.price(), t.high());
        f[29] = Long.toString(t.price() - t.high());
        f[30] = t.lowTime().format(HHMMSS);
        f[31] = relativeSign(t.price(), t.low());
        f[32] = Long.toString(t.price() - t.low());
        f[33] = t.time().format(YYYYMMDD);
        f[34] = "20";
        f[35] = "N";
        f[36] = Long.toString(t.askQty1());
        f[37] = Long.toString(t.bidQty1());
        f[38] = Long.toString(t.askQty1() * 10);
        f[39] = Long.toString(t.bidQty1() * 10);
        f[40] = decimal(listed == 0 ? 0 : 100.0 * t.volume() / listed);
        f[41] = Long.toString(t.volume());
        f[42] = decimal(100.0);
        f[43] = "0";
        f[44] = "";
        f[45] = Long.toString(prevClose);
        return "0|" + trId + "|001|" + String.join("^", f);
    }

    static String askingPriceFrame(TradeTick t) {
        String[] f = new String[59];
        f[0] = t.instrument().code();
        f[1] = t.time().format(HHMMSS);
        f[2] = "0";
        long ask = t.askPrice1();
        long bid = t.bidPrice1();
        long upper = t.band().upper();
        long lower = t.band().lower();
        for (int i = 0; i < 10; i++) {
            long askI = ask > upper ? 0 : ask;
            long bidI = bid < lower ? 0 : bid;
            f[3 + i] = Long.toString(askI);
            f[13 + i] = Long.toString(bidI);
            f[23 + i] = Long.toString(askI == 0 ? 0 : t.askQty1() + 37L * i);
            f[33 + i] = Long.toString(bidI == 0 ? 0 : t.bidQty1() + 41L * i);
            ask = TickSize.step(ask, 1);
            bid = bid > 1 ? TickSize.step(bid, -1) : 0;
        }
        long totalAsk = 0;
        long totalBid = 0;
        for (int i = 0; i < 10; i++) {
            totalAsk += Long.parseLong(f[23 + i]);
            totalBid += Long.parseLong(f[33 + i]);
        }
        f[43] = Long.toString(totalAsk);
        f[44] = Long.toString(totalBid);
        f[45] = "0";
        f[46] = "0";
        f[47] = "0";
        f[48] = "0";
        f[49] = "0";
        f[50] = "0";
        f[51] = "3";
        f[52] = "0.00";
        f[53] = Long.toString(t.volume());
        f[54] = "0";
        f[55] = "0";
        f[56] = "0";
        f[57] = "0";
        f[58] = "";
        return "0|" + ASKING_PRICE_TR + "|001|" + String.join("^", f);
    }

    private static String relativeSign(long price, long reference) {
        return price > reference ? "2" : price < reference ? "5" : "3";
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
