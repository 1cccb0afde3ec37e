package kisgateway.app.service.streams;

import java.util.Optional;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.kis.ws.KisRealtimeSession;

/**
 * The verdict on one account's execution-notice stream on this instance, from its session (a refused reconnect,
 * an open breaker) and from the watch (a gap, no frame at all, stale). For the health check and the
 * {@code kis_ws_stream_healthy} gauge alike, so both always say the same.
 */
public final class NoticeStreamHealth {

    /**
     * @param held    whether this instance holds the account's stream (false: a standby, nothing to judge)
     * @param healthy false only on evidence: a gap, no frame, a refused reconnect or an open breaker
     * @param state   a word for it: standby, CONNECTING, LISTENING, STALE, GAP, NO_FRAME, REFUSED, BROKEN ...
     * @param reason  what the state rests on, for operators
     */
    public record Verdict(boolean held, boolean healthy, String state, String reason) {
    }

    private final RealtimeSessions sessions;
    private final NoticeStreamWatch watch;

    public NoticeStreamHealth(RealtimeSessions sessions, NoticeStreamWatch watch) {
        this.sessions = sessions;
        this.watch = watch;
    }

    public Verdict of(String account) {
        Optional<KisRealtimeSession> session = sessions.of(account);
        if (session.isEmpty()) {
            return new Verdict(false, true, "standby", "");
        }
        KisRealtimeSession s = session.get();
        Optional<String> refused = s.refusedReconnect();
        if (s.state() == KisRealtimeSession.State.BROKEN) {
            return new Verdict(true, false, "BROKEN", "session not live: the breaker opened after repeated failures"
                    + refused.map(r -> ", last: " + r).orElse(""));
        }
        if (!s.isLive() && refused.isPresent()) {
            return new Verdict(true, false, "REFUSED", "session not live: reconnect refused (" + refused.get() + ")");
        }
        NoticeStreamWatch.Status status = watch.status(account);
        if (status.condition().unhealthy()) {
            return new Verdict(true, false, status.condition().name(), status.detail());
        }
        if (!s.isLive()) {
            // a first connect, or a reconnect after a drop that nothing refused (yet)
            return new Verdict(true, true, s.state().name(), "session " + s.state() + ", no refusal so far");
        }
        return new Verdict(true, true, status.condition().name(), status.detail());
    }
}
