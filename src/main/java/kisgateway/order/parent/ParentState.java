package kisgateway.order.parent;

/** The states of a parent order; which event moves which state where is {@link ParentStateMachine}'s. */
public enum ParentState {
    /** Validated and stored; its window has not begun. */
    ACCEPTED,
    /** Its window is open and children are planned and sent. */
    WORKING,
    /** A kill switch holds it (not ACTIVE for its account or strategy): no child is sent until the switch is. */
    PAUSED,
    /** No more children will be sent (all planned, or the window over); it waits for its working children. */
    COMPLETING,
    /** Cancelled by its strategy: no more children; it waits for the cancels of its working children. */
    CANCELLING,
    DONE,
    CANCELLED,
    /** Given up: its children were refused too often (risk, KIS), or it could not be worked at all. */
    FAILED;

    public boolean isTerminal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }
}
