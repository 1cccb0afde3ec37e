package kisgateway.sim.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import kisgateway.sim.market.KrxPhase;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.market.TradeTick;
import kisgateway.sim.trading.MatchingEngine;

/** Drives prices and the session clock, so tests can make resting orders fill when they choose. */
public final class MarketControl {
    private final MatchingEngine engine;
    private final SessionClock clock;

    public MarketControl(MatchingEngine engine, SessionClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Prints a trade of {@code qty} shares at {@code price}: resting orders the price reaches fill. */
    public TradeTick print(String symbol, long price, long qty) {
        return engine.print(symbol, price, qty, null, null);
    }

    /** Like {@link #print} and also sets the shares shown at the touch, which IOC/FOK orders take from. */
    public TradeTick print(String symbol, long price, long qty, long askQty, long bidQty) {
        return engine.print(symbol, price, qty, askQty, bidQty);
    }

    /** Stops (or restarts) the random price path; admin prints still work. */
    public void freeze(boolean frozen) {
        engine.setFrozen(frozen);
    }

    public boolean frozen() {
        return engine.frozen();
    }

    public Optional<TradeTick> quote(String symbol) {
        return engine.tick(symbol);
    }

    public List<TradeTick> quotes() {
        return engine.ticks();
    }

    public SessionClock clock() {
        return clock;
    }

    public KrxPhase phase() {
        return clock.phase();
    }

    public void setTime(Instant instant) {
        clock.set(instant);
        engine.advanceMarket();
    }

    public void advance(Duration by) {
        clock.advance(by);
        engine.advanceMarket();
    }

    public void setSpeed(double speed) {
        clock.setSpeed(speed);
    }

    /** KIS's clock {@code by} ahead of its clients' (negative: behind), for a client's clock-skew handling. */
    public void setClockSkew(Duration by) {
        clock.setSkew(by);
        engine.advanceMarket();
    }
}
