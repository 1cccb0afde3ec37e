package kisgateway.kis.budget;

/** A granted send slot: when (ticker nanos) and how long the caller waited for it. */
public record BudgetPermit(CallPriority priority, long grantedAtNanos, long waitedNanos) {
}
