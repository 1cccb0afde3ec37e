package kisgateway.risk.rollout;

/**
 * The change cannot be made as things now stand (HTTP 409): a promotion already waits for the scope, or the phase
 * moved since a pending promotion was asked for. Nothing was changed.
 */
public final class RolloutConflict extends RuntimeException {
    public RolloutConflict(String message) {
        super(message);
    }
}
