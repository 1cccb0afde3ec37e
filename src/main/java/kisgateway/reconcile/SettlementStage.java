package kisgateway.reconcile;

/**
 * When a settlement is applied relative to the fills. The fill path moves the order itself (PARTIAL_FILL /
 * COMPLETE_FILL), so a run is applied as: every BEFORE_FILLS settlement (they give orders the numbers their fills
 * are filed under), then the parked fills of those numbers (ExecutionNoticeApplier.catchUp), then the missing
 * fills, then every AFTER_FILLS settlement (a cancel or a rejection that came after the fills).
 */
public enum SettlementStage {
    BEFORE_FILLS,
    AFTER_FILLS
}
