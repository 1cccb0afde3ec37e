package kisgateway.fill;

/** Where a fill came from: the execution-notice stream, a gap backfill, or reconciliation. */
public enum FillSource {
    STREAM,
    BACKFILL,
    RECONCILE
}
