package kisgateway.reconcile;

import java.util.Optional;
import kisgateway.reconcile.snapshot.OpenBreak;

/**
 * An open break that this run did not resolve.
 *
 * @param current this run's finding (fresh evidence), or empty when the run did not examine the subject at all
 *                (an order missing from the local snapshot): not examined is not resolved
 */
public record StillOpenBreak(OpenBreak open, Optional<Break> current) {
}
