package kisgateway.risk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The requests the gate let through within a stretch of time, oldest first, as the books recorded them: what the
 * stateful guards' windows are rebuilt from when an instance starts or becomes the one that screens the cluster's
 * orders ({@link PreTradeGate}). New orders, and cancels and revisions with the quote each withdrew, each with its
 * time on the gateway's clock, the clock the guards judge their windows on.
 */
public record ConductHistory(List<Accepted> requests) {

    public ConductHistory {
        requests = List.copyOf(requests);
    }

    /** A request the gate let through, as the guards' {@link PreTradeCheck#recordAccepted} saw it, and when. */
    public record Accepted(RiskOrder request, Instant at) {

        public Accepted {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Where the history is read from (the order books: kisgateway.order.JdbcConductHistory). */
    @FunctionalInterface
    public interface Source {

        /**
         * The requests accepted after {@code from} and up to {@code until}, both on the gateway's clock, oldest first.
         *
         * @throws RuntimeException when the books cannot be read
         */
        ConductHistory acceptedBetween(Instant from, Instant until);
    }
}
