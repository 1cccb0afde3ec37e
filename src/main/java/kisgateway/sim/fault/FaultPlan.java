package kisgateway.sim.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The misbehaviour the simulator has been told to show, consumed by the REST and WebSocket layers. Counts are
 * "the next N"; durations run on real time. Thread-safe.
 */
public final class FaultPlan {

    /** How the REST layer answers a failed call. */
    public record RestFailure(int status, String msgCd, String msg1) {
    }

    /** What happens to the reply of an order that was booked. */
    public enum AmbiguousMode {
        /** Answer after {@code delayMillis}. */
        DELAY,
        /** Never answer; the connection stays open until the client gives up. */
        DROP,
        /** Close the connection without an answer. */
        RESET,
        /**
         * Send the status line and the headers at once, then the body one byte every {@code delayMillis} (1 s when 0):
         * a client whose timeout stops at the headers waits for the whole body.
         */
        DRIP
    }

    public record AmbiguousReply(AmbiguousMode mode, long delayMillis) {
    }

    /** What notices do while the stream is silent. */
    public enum SilenceMode {
        NONE,
        /** Held back and delivered, in order, when the silence ends. */
        HOLD,
        /** Lost. */
        DROP
    }

    private int restFailuresLeft;
    private RestFailure restFailure;
    private String restFailurePath;
    private long latencyMillis;
    private String latencyPath;
    private int ambiguousLeft;
    private AmbiguousReply ambiguousReply;
    private long wsRefuseUntilNanos;
    private long silenceUntilNanos;
    private SilenceMode silenceMode = SilenceMode.NONE;
    private final Map<String, Integer> fillSuppressions = new HashMap<>();
    private int duplicatesLeft;
    private int reorderBatch;

    // ------------------------------------------------------------ REST

    /** The next {@code count} REST calls whose path contains {@code pathContains} (any, if blank) fail. */
    public synchronized void failRest(int count, RestFailure failure, String pathContains) {
        restFailuresLeft = count;
        restFailure = failure;
        restFailurePath = blankToNull(pathContains);
    }

    public synchronized Optional<RestFailure> takeRestFailure(String path) {
        if (restFailuresLeft <= 0 || !matches(restFailurePath, path)) {
            return Optional.empty();
        }
        restFailuresLeft--;
        return Optional.of(restFailure);
    }

    public synchronized void setLatency(long millis, String pathContains) {
        latencyMillis = Math.max(0, millis);
        latencyPath = blankToNull(pathContains);
    }

    public synchronized long latencyFor(String path) {
        return matches(latencyPath, path) ? latencyMillis : 0;
    }

    /** The next {@code count} orders (order-cash, order-rvsecncl) are booked but answered as {@code reply} says. */
    public synchronized void ambiguousOrders(int count, AmbiguousReply reply) {
        ambiguousLeft = count;
        ambiguousReply = reply;
    }

    public synchronized Optional<AmbiguousReply> takeAmbiguousOrder() {
        if (ambiguousLeft <= 0) {
            return Optional.empty();
        }
        ambiguousLeft--;
        return Optional.of(ambiguousReply);
    }

    // ------------------------------------------------------------ WebSocket

    public synchronized void refuseWebSockets(Duration forHowLong) {
        wsRefuseUntilNanos = System.nanoTime() + forHowLong.toNanos();
    }

    public synchronized boolean refusingWebSockets() {
        return System.nanoTime() - wsRefuseUntilNanos < 0;
    }

    public synchronized void silence(Duration forHowLong, SilenceMode mode) {
        silenceUntilNanos = System.nanoTime() + forHowLong.toNanos();
        silenceMode = mode;
    }

    public synchronized SilenceMode silence() {
        if (silenceMode != SilenceMode.NONE && System.nanoTime() - silenceUntilNanos >= 0) {
            silenceMode = SilenceMode.NONE;
        }
        return silenceMode;
    }

    /** Nanoseconds until the silence ends (0 when not silent). */
    public synchronized long silenceRemainingNanos() {
        return silence() == SilenceMode.NONE ? 0 : silenceUntilNanos - System.nanoTime();
    }

    /** The next {@code count} fills of the account produce no notice: "a fill the stream never delivered". */
    public synchronized void suppressFills(String cano, int count) {
        fillSuppressions.put(cano, count);
    }

    public synchronized boolean takeFillSuppression(String cano) {
        Integer left = fillSuppressions.get(cano);
        if (left == null || left <= 0) {
            return false;
        }
        fillSuppressions.put(cano, left - 1);
        return true;
    }

    /** The next {@code count} notices are sent twice. */
    private int garbledLeft;

    public synchronized void duplicateNotices(int count) {
        duplicatesLeft = count;
    }

    /** The next {@code count} notices are sent garbled (encrypted as usual, but with fields missing). */
    public synchronized void garbleNotices(int count) {
        garbledLeft = count;
    }

    public synchronized boolean takeGarble() {
        if (garbledLeft <= 0) {
            return false;
        }
        garbledLeft--;
        return true;
    }

    public synchronized boolean takeDuplicate() {
        if (duplicatesLeft <= 0) {
            return false;
        }
        duplicatesLeft--;
        return true;
    }

    /** The next {@code count} notices are held and then delivered in reverse order. */
    public synchronized void reorderNotices(int count) {
        reorderBatch = count;
    }

    /** The batch size to reverse, taken once (0 when none is asked for). */
    public synchronized int takeReorderBatch() {
        int n = reorderBatch;
        reorderBatch = 0;
        return n;
    }

    public synchronized void reset() {
        garbledLeft = 0;
        restFailuresLeft = 0;
        latencyMillis = 0;
        ambiguousLeft = 0;
        wsRefuseUntilNanos = System.nanoTime();
        silenceMode = SilenceMode.NONE;
        fillSuppressions.clear();
        duplicatesLeft = 0;
        reorderBatch = 0;
    }

    public synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("restFailuresLeft", restFailuresLeft);
        m.put("restFailurePath", restFailurePath);
        m.put("latencyMillis", latencyMillis);
        m.put("latencyPath", latencyPath);
        m.put("ambiguousOrdersLeft", ambiguousLeft);
        m.put("ambiguousMode", ambiguousLeft > 0 ? ambiguousReply.mode().name() : null);
        m.put("refusingWebSockets", refusingWebSockets());
        m.put("silence", silence().name());
        m.put("fillSuppressions", new LinkedHashMap<>(fillSuppressions));
        m.put("duplicatesLeft", duplicatesLeft);
        m.put("reorderBatch", reorderBatch);
        return m;
    }

    private static boolean matches(String filter, String path) {
        return filter == null || (path != null && path.contains(filter));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
