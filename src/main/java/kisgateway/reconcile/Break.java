package kisgateway.reconcile;

import java.util.Comparator;
import java.util.Objects;

/**
 * Drift that could not be settled with evidence. {@code (kind, subject)} is stable across runs: an order id, a
 * symbol, "cash", or "odno:" + a broker order number for a broker order no local order claims.
 */
public record Break(BreakKind kind, String subject, String summary, Evidence evidence) {

    public static final Comparator<Break> ORDER = Comparator.comparing(Break::kind).thenComparing(Break::subject);

    public Break {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(evidence, "evidence");
    }

    public String key() {
        return kind + "|" + subject;
    }

    /** One break of the same kind and subject holding both findings. */
    Break mergedWith(Break other) {
        String text = summary.equals(other.summary) ? summary : summary + "; " + other.summary;
        return new Break(kind, subject, text, evidence.merge(other.evidence));
    }
}
