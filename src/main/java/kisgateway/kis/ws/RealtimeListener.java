package kisgateway.kis.ws;

import java.time.Duration;
import java.util.List;

/**
 * What the realtime session reports. Called from one delivery thread, in arrival order, so an implementation may
 * block (persist, publish) without delaying the socket's PINGPONG answers; a slow listener queues up to the
 * session's delivery capacity of data frames, and what comes past it is dropped and reported
 * ({@link #onNoticesDropped}).
 */
public interface RealtimeListener {

    /** The records of one execution-notice frame, in frame order. */
    void onNotices(List<ExecutionNotice> notices, String rawFrame);

    /** The records of one trade-stream frame (H0STCNT0), in frame order; only for symbols added with
     * {@code addSubscription}. */
    default void onTrades(List<TradePrint> prints) {
    }

    /**
     * KIS confirmed a registration other than the notice (after every reconnect too): its data flows from now on,
     * until {@link #onDisconnected} or {@link #onStale}.
     */
    default void onSubscribed(String trId, String trKey) {
    }

    /**
     * {@code frames} execution-notice frames (or unreadable frames, which may have been notices) were dropped
     * because this listener was behind by the session's delivery capacity: KIS has them, this side does not. Told
     * after the frames that were queued before them, once per run of drops. Backfill the account.
     */
    default void onNoticesDropped(long frames) {
    }

    /** A frame that could not be read: send {@link MalformedNotice#rawFrame()} to the dead-letter queue. */
    default void onMalformed(MalformedNotice malformed) {
    }

    /** Connected and the execution notice subscribed (after every reconnect too): backfill the gap now. */
    default void onConnected() {
    }

    /**
     * The socket is gone (after it was live, or after a data registration was confirmed on it); the session
     * reconnects by itself unless stopped or broken.
     */
    default void onDisconnected(String reason) {
    }

    /** Connected but silent (no notice, no PINGPONG) for {@code silentFor}: the stream may be dead. */
    default void onStale(Duration silentFor) {
    }

    /** The reconnect breaker opened: the session stopped trying until {@code restart()}. Page someone. */
    default void onAlarm(String reason) {
    }
}
