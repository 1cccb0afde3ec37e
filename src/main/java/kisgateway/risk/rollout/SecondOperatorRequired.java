package kisgateway.risk.rollout;

/** Four eyes: the operator who asked for a promotion may not approve it (HTTP 403). Nothing was changed. */
public final class SecondOperatorRequired extends RuntimeException {
    public SecondOperatorRequired(String message) {
        super(message);
    }
}
