package kisgateway.risk.rollout;

/**
 * What an operator's request did: moved the phase ({@link #applied()}), or left a promotion waiting for a second
 * operator ({@link #pending()}). Exactly one of the two is set.
 */
public record RolloutChange(PhaseEntry applied, PendingPromotion pending, boolean unchanged) {

    static RolloutChange applied(PhaseEntry entry) {
        return new RolloutChange(entry, null, false);
    }

    static RolloutChange unchanged(PhaseEntry entry) {
        return new RolloutChange(entry, null, true);
    }

    static RolloutChange pending(PendingPromotion promotion) {
        return new RolloutChange(null, promotion, false);
    }

    public boolean isPending() {
        return pending != null;
    }
}
