package kisgateway.sim.market;

import java.time.ZonedDateTime;

/** One symbol's running day: last price, open/high/low, volumes and the touch. Guarded by the engine's lock. */
public final class Quote {
    private static final long DEFAULT_TOUCH = 1_000;

    private final Instrument instrument;
    private long last;
    private long lastQty;
    private boolean lastBuyAggressor = true;
    private ZonedDateTime lastTime;
    private long open;
    private long high;
    private long low;
    private ZonedDateTime openTime;
    private ZonedDateTime highTime;
    private ZonedDateTime lowTime;
    private long volume;
    private long turnover;
    private long askQty1 = DEFAULT_TOUCH;
    private long bidQty1 = DEFAULT_TOUCH;
    private long sellTrades;
    private long buyTrades;
    private long sellVolume;
    private long buyVolume;

    public Quote(Instrument instrument, ZonedDateTime start) {
        this.instrument = instrument;
        this.last = instrument.previousClose();
        this.open = last;
        this.high = last;
        this.low = last;
        this.lastTime = start;
        this.openTime = start;
        this.highTime = start;
        this.lowTime = start;
    }

    public Instrument instrument() {
        return instrument;
    }

    public long last() {
        return last;
    }

    public long askQty1() {
        return askQty1;
    }

    public long bidQty1() {
        return bidQty1;
    }

    /** Shares available at once to an IOC/FOK order of the given side (the opposite touch). */
    public long touchFor(boolean buy) {
        return buy ? askQty1 : bidQty1;
    }

    public void setTouch(long askQty, long bidQty) {
        this.askQty1 = Math.max(0, askQty);
        this.bidQty1 = Math.max(0, bidQty);
    }

    public void consumeTouch(boolean buy, long qty) {
        if (buy) {
            askQty1 = Math.max(0, askQty1 - qty);
        } else {
            bidQty1 = Math.max(0, bidQty1 - qty);
        }
    }

    public TradeTick trade(long price, long qty, boolean buyAggressor, ZonedDateTime time) {
        if (volume == 0) {
            open = price;
            high = price;
            low = price;
            openTime = time;
            highTime = time;
            lowTime = time;
        }
        if (price > high) {
            high = price;
            highTime = time;
        }
        if (price < low) {
            low = price;
            lowTime = time;
        }
        last = price;
        lastQty = qty;
        lastBuyAggressor = buyAggressor;
        lastTime = time;
        volume += qty;
        turnover += price * qty;
        if (buyAggressor) {
            buyTrades++;
            buyVolume += qty;
        } else {
            sellTrades++;
            sellVolume += qty;
        }
        return tick();
    }

    /** The quote as it stands: the ask is the last price and the bid one tick below. */
    public TradeTick tick() {
        long bid = last > instrument.band().lower() ? TickSize.step(last, -1) : last;
        return new TradeTick(instrument, lastTime, last, lastQty, lastBuyAggressor, open, openTime, high, highTime,
                low, lowTime, volume, turnover, last, bid, askQty1, bidQty1, sellTrades, buyTrades, sellVolume,
                buyVolume);
    }
}
