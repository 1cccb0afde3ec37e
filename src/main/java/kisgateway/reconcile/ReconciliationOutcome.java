package kisgateway.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run decided, sorted, for the integrator to apply in one go: settlements by stage (see
 * {@link SettlementStage}), missing fills, external orders, and the break lifecycle.
 *
 * @param brokerAsOf   when the broker snapshot was taken
 * @param decidedAt    the run's "now": resolved breaks are resolved at this time
 * @param settlements  sorted by stage, order id, step
 * @param missingFills sorted by order number, cumulative quantity
 * @param externalOrders sorted by original order number
 * @param newBreaks    sorted by kind, subject
 */
public record ReconciliationOutcome(String account, Instant brokerAsOf, Instant decidedAt,
                                    List<Settlement> settlements, List<MissingFill> missingFills,
                                    List<ExternalOrder> externalOrders, List<Break> newBreaks,
                                    List<StillOpenBreak> stillOpenBreaks, List<ResolvedBreak> resolvedBreaks,
                                    ReconciliationCounts counts) {

    public ReconciliationOutcome {
        settlements = List.copyOf(settlements);
        missingFills = List.copyOf(missingFills);
        externalOrders = List.copyOf(externalOrders);
        newBreaks = List.copyOf(newBreaks);
        stillOpenBreaks = List.copyOf(stillOpenBreaks);
        resolvedBreaks = List.copyOf(resolvedBreaks);
    }

    /** No break open after this run. */
    public boolean clean() {
        return newBreaks.isEmpty() && stillOpenBreaks.isEmpty();
    }

    /** Every break this run found, new or already open, sorted by kind and subject. */
    public List<Break> breaksFound() {
        List<Break> all = new ArrayList<>(newBreaks);
        stillOpenBreaks.forEach(s -> s.current().ifPresent(all::add));
        all.sort(Break.ORDER);
        return List.copyOf(all);
    }

    public List<Settlement> settlements(SettlementStage stage) {
        return settlements.stream().filter(s -> s.stage() == stage).toList();
    }
}
