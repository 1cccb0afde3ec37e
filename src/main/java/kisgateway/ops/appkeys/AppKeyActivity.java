package kisgateway.ops.appkeys;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kisgateway.kis.AppKey;

/**
 * The last successful KIS call per app key, in memory: one clock reading and one volatile write on a call's path,
 * never a database write. {@link JdbcAppKeyLedger#flush} writes what changed, at most once per flush period.
 */
public final class AppKeyActivity {

    private final Clock clock;
    private final Map<String, AtomicLong> lastAnswerMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> flushedMillis = new ConcurrentHashMap<>();

    public AppKeyActivity(Clock clock) {
        this.clock = clock;
    }

    /** KIS answered a call made with the key (a business refusal is an answer: the key works). */
    public void answered(AppKey key) {
        long now = clock.millis();
        AtomicLong last = lastAnswerMillis.computeIfAbsent(key.id(), k -> new AtomicLong(Long.MIN_VALUE));
        // answers on several threads: the latest wins, a late thread never moves it back
        last.accumulateAndGet(now, Math::max);
    }

    public Optional<Instant> lastAnswer(String keyId) {
        AtomicLong last = lastAnswerMillis.get(keyId);
        return last == null || last.get() == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last.get()));
    }

    /** The keys whose last answer has not been written yet, with it. */
    Map<String, Instant> unflushed() {
        Map<String, Instant> out = new java.util.TreeMap<>();
        lastAnswerMillis.forEach((key, last) -> {
            long v = last.get();
            if (v != Long.MIN_VALUE && !Long.valueOf(v).equals(flushedMillis.get(key))) {
                out.put(key, Instant.ofEpochMilli(v));
            }
        });
        return out;
    }

    void flushed(String keyId, Instant at) {
        flushedMillis.put(keyId, at.toEpochMilli());
    }
}
