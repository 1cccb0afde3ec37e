package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The kill-switch drills run per account (the weekly drill job records each run). A RAMP account's ramp holds only
 * while a passed drill is recent enough; an account with none recorded has missed it.
 */
public interface KillSwitchDrills {

    /** When the account's latest passed drill ran; empty when none passed. */
    Optional<Instant> lastPassed(String account);

    /** Records a drill's run, passed or not, with what it found (JSON-ready values, never a secret). */
    void record(String account, Instant ranAt, boolean passed, Map<String, Object> detail);
}
