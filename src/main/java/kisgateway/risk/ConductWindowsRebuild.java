package kisgateway.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stateful guards' windows (order rate, cancel/replace burst, quote pattern) true to the cluster's books
 * although they are counted in memory: they are rebuilt from the history within the longest window before the first
 * screening after start-up and before the first after each leadership gain, so a burst half before and half after a
 * restart or a failover is one burst. The leadership epoch says when: the instance that screens the cluster's orders
 * counts it up on every gain; one that never leads or always leads keeps it. While it stays the one the windows were
 * rebuilt for, a screening reads that number and nothing else.
 */
final class ConductWindowsRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ConductWindowsRebuild.class);

    private final ConductHistory.Source history;
    private final LongSupplier leadershipEpoch;
    private final Duration lookback;
    private final Clock clock;
    private final Object rebuilding = new Object();
    /** The epoch the windows were last rebuilt for; null before the first rebuild. */
    private volatile Long rebuiltFor;

    ConductWindowsRebuild(ConductHistory.Source history, LongSupplier leadershipEpoch, Duration lookback, Clock clock) {
        this.history = history;
        this.leadershipEpoch = leadershipEpoch;
        this.lookback = lookback;
        this.clock = clock;
    }

    /**
     * Rebuilds the windows first if the epoch moved since the last rebuild (or there was none). One thread
     * reads the history; screenings that find the epoch moved meanwhile wait for it rather than read it again. A
     * failed read leaves the epoch unrebuilt, so the next screening tries again.
     *
     * @throws RuntimeException when the history cannot be read
     */
    void ensureCurrent(Consumer<ConductHistory> rebuild) {
        Long done = rebuiltFor;
        if (done != null && done == leadershipEpoch.getAsLong()) {
            return;
        }
        synchronized (rebuilding) {
            // read before the history: an epoch that moves during the read is rebuilt for again next time
            long epoch = leadershipEpoch.getAsLong();
            done = rebuiltFor;
            if (done != null && done == epoch) {
                return;
            }
            long started = System.nanoTime();
            Instant now = clock.instant();
            ConductHistory accepted = history.acceptedBetween(now.minus(lookback), now);
            rebuild.accept(accepted);
            rebuiltFor = epoch;
            LOG.info("conduct windows rebuilt epoch={} since={} requests={} tookMs={}", epoch, now.minus(lookback),
                    accepted.requests().size(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
