package kisgateway.kis.budget;

/**
 * A granted send slot: when (ticker nanos), how long the caller waited for it, and its place in the window's ledger
 * ({@link AppKeyRateBudget#answered} moves the send to when its answer came).
 */
public record BudgetPermit(CallPriority priority, long grantedAtNanos, long waitedNanos, long place) {
}
