package kisgateway.sim.market;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import kisgateway.sim.ClockMode;

/**
 * The simulator's notion of now. It runs from an anchor (a monotonic nano time paired with a simulated instant)
 * at a speed, so it can be set and accelerated; rate limits never use it, they use real elapsed time.
 *
 * <p>A skew sets KIS's clock apart from its clients' on purpose: {@link #now()} (what KIS shows: order times, notice
 * times, the {@code Date} header, the trading phase) runs {@link #skew()} ahead of {@link #unskewedNow()}, the time
 * a client whose clock agrees with the session reads (the embedded gateway follows that one).
 */
public final class SessionClock {
    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private record Anchor(long nanos, Instant instant, double speed) {
    }

    private final ClockMode mode;
    private volatile Anchor anchor;
    private volatile Duration skew = Duration.ZERO;

    private SessionClock(ClockMode mode, Anchor anchor) {
        this.mode = mode;
        this.anchor = anchor;
    }

    /** SIM: today's Seoul date at {@code open}; WALL: the wall clock. */
    public static SessionClock start(ClockMode mode, double speed, LocalTime open) {
        long nanos = System.nanoTime();
        if (mode == ClockMode.WALL) {
            return new SessionClock(mode, new Anchor(nanos, Instant.now(), 1.0));
        }
        if (speed <= 0) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        Instant start = ZonedDateTime.of(LocalDate.now(SEOUL), open, SEOUL).toInstant();
        return new SessionClock(mode, new Anchor(nanos, start, speed));
    }

    public ClockMode mode() {
        return mode;
    }

    public Instant now() {
        return instantAt(System.nanoTime());
    }

    /** The simulated instant at a {@link System#nanoTime()} reading, as KIS shows it (the skew included). */
    public Instant instantAt(long nanoTime) {
        return unskewedAt(nanoTime).plus(skew);
    }

    /** Now on the clock of a client that agrees with the session: {@link #now()} without the skew. */
    public Instant unskewedNow() {
        return unskewedAt(System.nanoTime());
    }

    private Instant unskewedAt(long nanoTime) {
        Anchor a = anchor;
        long elapsed = nanoTime - a.nanos;
        long simElapsed = a.speed == 1.0 ? elapsed : (long) (elapsed * a.speed);
        return a.instant.plusNanos(simElapsed);
    }

    /** How far KIS's clock runs ahead of its clients' (negative: behind). Zero unless set. */
    public Duration skew() {
        return skew;
    }

    /** Sets KIS's clock {@code by} ahead of its clients' (negative: behind); allowed on the wall clock too. */
    public synchronized void setSkew(Duration by) {
        skew = by;
    }

    public ZonedDateTime nowSeoul() {
        return now().atZone(SEOUL);
    }

    public double speed() {
        return anchor.speed;
    }

    /** Weekends trade on the simulated clock, so the default run works any day. */
    public KrxPhase phase() {
        return KrxPhase.at(nowSeoul(), mode == ClockMode.SIM);
    }

    /** Sets what {@link #now()} reads. */
    public synchronized void set(Instant instant) {
        requireSettable();
        anchor = new Anchor(System.nanoTime(), instant.minus(skew), anchor.speed);
    }

    public synchronized void advance(Duration by) {
        requireSettable();
        set(now().plus(by));
    }

    public synchronized void setSpeed(double speed) {
        requireSettable();
        if (speed <= 0) {
            throw new IllegalArgumentException("clock speed must be positive");
        }
        long nanos = System.nanoTime();
        anchor = new Anchor(nanos, unskewedAt(nanos), speed);
    }

    private void requireSettable() {
        if (mode == ClockMode.WALL) {
            throw new IllegalStateException("the wall clock cannot be set; start the simulator with --clock sim");
        }
    }
}
