package kisgateway.sim.market;

import java.time.ZonedDateTime;

/** An immutable picture of one symbol right after a trade printed: what H0STCNT0 and inquire-price report. */
public record TradeTick(
        Instrument instrument,
        ZonedDateTime time,
        long price,
        long tradeQty,
        boolean buyAggressor,
        long open, ZonedDateTime openTime,
        long high, ZonedDateTime highTime,
        long low, ZonedDateTime lowTime,
        long volume,
        long turnover,
        long askPrice1, long bidPrice1,
        long askQty1, long bidQty1,
        long sellTrades, long buyTrades,
        long sellVolume, long buyVolume) {

    public PriceBand band() {
        return instrument.band();
    }

    public long change() {
        return price - instrument.previousClose();
    }

    /** PRDY_VRSS_SIGN: 1 upper limit, 2 up, 3 unchanged, 4 lower limit, 5 down. */
    public String changeSign() {
        return signOf(price);
    }

    public String signOf(long p) {
        PriceBand band = band();
        if (p >= band.upper()) {
            return "1";
        } else if (p <= band.lower()) {
            return "4";
        } else if (p > instrument.previousClose()) {
            return "2";
        } else if (p < instrument.previousClose()) {
            return "5";
        }
        return "3";
    }

    /** Volume-weighted average price of the day, in KRW with fractions. */
    public double vwap() {
        return volume == 0 ? price : (double) turnover / volume;
    }
}
