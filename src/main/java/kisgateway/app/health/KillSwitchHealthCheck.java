package kisgateway.app.health;

import java.util.Map;
import kisgateway.risk.killswitch.KillSwitchBoard;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * DOWN while this instance cannot learn other instances' kill-switch moves (its listening connection is gone, see
 * TradingStateListener): it then refuses new orders and revisions, and operators should know why.
 *
 * <p>Neither readiness nor liveness, on purpose: cancels still pass on this instance, and when the database restarts
 * every instance loses its listener at once; out of service, they would all stop taking cancels too. A restart
 * would not bring the connection back sooner than the listener's own retry.
 */
public final class KillSwitchHealthCheck extends AlertHealthCheck {

    private final KillSwitchBoard board;

    public KillSwitchHealthCheck(KillSwitchBoard board) {
        super("kill-switches");
        this.board = board;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        KillSwitchBoard.Unknown unknown = board.unknown();
        if (unknown == null) {
            builder.detail("state", "known").up();
            return;
        }
        builder.detail("state", "unknown").detail("since", unknown.since().toString())
                .message(plain("kill switch state unknown since " + unknown.since() + " (" + unknown.cause()
                        + "): new orders and revisions are refused, cancels pass"))
                .down();
    }

    /** Camel's /q/health writes messages into its JSON as they are: no quotes, no line breaks. */
    private static String plain(String text) {
        return text.replace('"', '\'').replace('\\', '/').replaceAll("[\\r\\n]+", " ");
    }
}
