package kisgateway.ops.reliability;

import java.util.Locale;

/** What went wrong with an account's execution-notice stream, as the incidents table and the meters name it. */
public enum StreamIncidentKind {
    /** The socket was lost: from the drop until the stream is live again. */
    DISCONNECT,
    /** Quiet past the wait with orders working, or no frame at all: until a check with KIS confirms it. */
    STALE,
    /** A backfill recovered fills the stream had not delivered: until the next clean check. */
    GAP,
    /** A reconnect failed or the session's breaker opened: until the stream is live again. */
    REFUSED_RECONNECT;

    /** The label value on the meters (Prometheus labels are lower case). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
