package kisgateway.reconcile;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import kisgateway.reconcile.snapshot.BrokerSnapshot;
import kisgateway.reconcile.snapshot.LocalSnapshot;

/**
 * One reconciliation run for one account: a pure function of the two snapshots, the settings and the time.
 * Orders and fills first (settling what the broker is ahead on, inferring missing fills, recording external
 * orders), then positions and cash on the books as they will be once those fills are recorded, then the break
 * lifecycle against the breaks already open. Same inputs, same outcome, everything sorted.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /**
     * @param now the run's time: breaks found resolved are resolved at it
     * @throws IllegalArgumentException when the snapshots are of different accounts
     */
    public static ReconciliationOutcome reconcile(LocalSnapshot local, BrokerSnapshot broker,
                                                  ReconciliationSettings settings, Instant now) {
        if (!local.account().equals(broker.account())) {
            throw new IllegalArgumentException("local snapshot of " + local.account() + " against broker snapshot of "
                    + broker.account());
        }
        Findings found = new Findings();
        new OrderReconciler(settings).reconcile(local, broker, found);
        found.settlements.sort(Settlement.ORDER);
        found.missingFills.sort(MissingFill.ORDER);
        found.externalOrders.sort(ExternalOrder.ORDER);
        new PositionComparison(settings.positionAvgPriceTolerance())
                .compare(local.positions(), broker.positions(), found.missingFills, local.openBreaks(), found);
        new CashComparison(settings.cashTolerance(), settings.cashMeasure())
                .compare(local.expectedCash(), broker.cash(), found.missingFills, found);
        BreakLifecycle.Result breaks = BreakLifecycle.track(local.openBreaks(), found.breaks(), found.examined, now);

        Set<UUID> settled = new HashSet<>();
        found.settlements.forEach(s -> settled.add(s.orderId()));
        found.missingFills.forEach(f -> settled.add(f.orderId()));
        found.externalOrders.forEach(e -> settled.add(e.orderId()));
        ReconciliationCounts counts = new ReconciliationCounts(found.ordersCompared, found.brokerOrders,
                found.fillsCompared, found.settlements.size(), found.missingFills.size(), found.externalOrders.size(),
                settled.size(), breaks.opened().size(), breaks.stillOpen().size(), breaks.resolved().size());
        return new ReconciliationOutcome(local.account(), broker.asOf(), now, List.copyOf(found.settlements),
                List.copyOf(found.missingFills), List.copyOf(found.externalOrders), breaks.opened(),
                breaks.stillOpen(), breaks.resolved(), counts);
    }
}
