package kisgateway.reconcile;

/**
 * What a run looked at and did, for {@code recon_runs} and metrics.
 *
 * @param ordersCompared  local orders judged against the broker (settled, in agreement, or a break)
 * @param brokerOrders    broker orders (chains of new, revision and cancel rows) in the snapshot
 * @param fillsCompared   broker order numbers whose cumulative fills were compared with the fills table
 * @param settled         orders (gateway and external) the run settles: a state event or a missing fill
 * @param breaksOpened    breaks new in this run
 * @param breaksResolved  open breaks found resolved
 */
public record ReconciliationCounts(int ordersCompared, int brokerOrders, int fillsCompared, int settlements,
                                   int missingFills, int externalOrders, int settled, int breaksOpened,
                                   int breaksStillOpen, int breaksResolved) {
}
