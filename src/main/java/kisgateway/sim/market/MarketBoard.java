package kisgateway.sim.market;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quotes of every symbol and the random price paths that move them, one step per {@code stepInterval} of
 * simulated time during the matching phases. Guarded by the matching engine's lock.
 */
public final class MarketBoard {
    /** At most this many path steps are replayed at once after the clock jumps; the rest are skipped. */
    private static final int MAX_CATCH_UP_STEPS = 20;

    /** A trade to print: from the price path or from the admin API. */
    public record Print(String symbol, long price, long qty, boolean buyAggressor, long askQty, long bidQty) {
    }

    private final Map<String, Quote> quotes = new LinkedHashMap<>();
    private final Map<String, PricePath> paths = new LinkedHashMap<>();
    private final Duration stepInterval;
    private final Instant origin;
    private long stepsDone;
    private boolean frozen;

    public MarketBoard(Collection<Instrument> instruments, long seed, Duration stepInterval, boolean frozen,
                       ZonedDateTime start) {
        if (stepInterval.isZero() || stepInterval.isNegative()) {
            throw new IllegalArgumentException("price step interval must be positive");
        }
        for (Instrument instrument : instruments) {
            quotes.put(instrument.code(), new Quote(instrument, start));
            paths.put(instrument.code(), new PricePath(instrument, seed));
        }
        this.stepInterval = stepInterval;
        this.origin = start.toInstant();
        this.frozen = frozen;
    }

    public Optional<Quote> quote(String symbol) {
        return Optional.ofNullable(quotes.get(symbol));
    }

    public Collection<Quote> quotes() {
        return quotes.values();
    }

    public boolean frozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** The path prints due up to {@code now}; none while frozen or outside the matching phases. */
    public List<Print> due(Instant now, KrxPhase phase) {
        long target = Math.max(0, Duration.between(origin, now).toNanos() / stepInterval.toNanos());
        if (target <= stepsDone) {
            return List.of();
        }
        if (frozen || !phase.matches()) {
            stepsDone = target;
            return List.of();
        }
        long from = Math.max(stepsDone, target - MAX_CATCH_UP_STEPS);
        stepsDone = target;
        List<Print> prints = new ArrayList<>();
        Map<String, Long> running = new LinkedHashMap<>();
        quotes.forEach((symbol, q) -> running.put(symbol, q.last()));
        for (long i = from; i < target; i++) {
            for (Map.Entry<String, PricePath> e : paths.entrySet()) {
                PricePath.Step step = e.getValue().next(running.get(e.getKey()));
                running.put(e.getKey(), step.price());
                prints.add(new Print(e.getKey(), step.price(), step.qty(), step.buyAggressor(), step.askQty(),
                        step.bidQty()));
            }
        }
        return prints;
    }
}
