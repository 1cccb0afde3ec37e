package kisgateway.risk.rollout;

import java.time.Instant;
import java.util.Optional;

/** What the ramp's gates read about an account, as of the moments they pass (never the database's own clock). */
public interface RampInputs {

    /** When the account's oldest reconciliation break still open was opened; empty when none is open. */
    Optional<Instant> oldestOpenBreak(String account);

    /** When the account's latest passed kill-switch drill ran; empty when none passed. */
    Optional<Instant> lastPassedDrill(String account);

    /** The account's live orders created in [since, until) that KIS answered, and how many of them it rejected. */
    Rejects rejects(String account, Instant since, Instant until);

    record Rejects(long rejected, long answered) {
    }
}
