/**
 * Reconciliation: what the broker says against what the gateway believes, as pure functions over two snapshots
 * (no Camel, no JDBC, no HTTP). {@link kisgateway.reconcile.Reconciler#reconcile} decides; the integrator loads the
 * snapshots ({@link kisgateway.reconcile.snapshot}) and applies the outcome in one go, in this order:
 * <ol>
 *   <li>insert each {@link kisgateway.reconcile.ExternalOrder} (origin EXTERNAL, its {@code initialState}, nothing
 *       filled) with all its numbers, if its id is not there yet;</li>
 *   <li>apply every {@link kisgateway.reconcile.SettlementStage#BEFORE_FILLS BEFORE_FILLS} settlement:
 *       {@code store.transition(orderId, event, settlement.orderChange())};</li>
 *   <li>attach the parked fills and notices of the orders that got numbers ({@code ExecutionNoticeApplier.catchUp});</li>
 *   <li>record every {@link kisgateway.reconcile.MissingFill} through {@code FillBook.recordInferred(...,
 *       FillSource.RECONCILE)} (its id is {@code FillIds.inferredFill}, so a backfill of the same gap collapses);</li>
 *   <li>apply every {@link kisgateway.reconcile.SettlementStage#AFTER_FILLS AFTER_FILLS} settlement;</li>
 *   <li>record the break lifecycle: insert {@code newBreaks}, refresh the evidence of {@code stillOpenBreaks},
 *       resolve {@code resolvedBreaks}, and publish the new ones to {@code kis.recon.breaks}.</li>
 * </ol>
 * Every settlement was run through the order state machine's transition table beforehand, with the fills in
 * between classified as the order store classifies them; anything that could not reach the broker's state legally
 * is a break instead, and then nothing of that order is settled. The report side ({@link
 * kisgateway.reconcile.report}) renders the day's CSV files and one self-contained HTML page from the same
 * formatted tables.
 */
package kisgateway.reconcile;
