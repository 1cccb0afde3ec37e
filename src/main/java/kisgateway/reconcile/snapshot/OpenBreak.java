package kisgateway.reconcile.snapshot;

import java.time.Instant;
import kisgateway.reconcile.BreakKind;

/**
 * A break recorded open by an earlier run ({@code recon_breaks} with {@code resolved_at} null).
 *
 * @param breakId the row's id, carried through so the integrator can resolve or update that row
 */
public record OpenBreak(long breakId, BreakKind kind, String subject, Instant openedAt) {
}
