package kisgateway.kis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Test time that moves only when the test says so. Starts far from zero to catch raw comparisons. */
public final class FakeTicker implements NanoTicker {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(5).toNanos());

    @Override
    public long nanoTime() {
        return now.get();
    }

    public long advance(Duration by) {
        return now.addAndGet(by.toNanos());
    }

    public long advanceNanos(long nanos) {
        return now.addAndGet(nanos);
    }
}
