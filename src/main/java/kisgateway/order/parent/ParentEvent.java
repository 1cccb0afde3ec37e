package kisgateway.order.parent;

/** What happens to a parent order. */
public enum ParentEvent {
    ACCEPT,
    /** the window began */
    START,
    /** a kill switch stopped it */
    PAUSE,
    /** the kill switch is ACTIVE again and the window still open */
    RESUME,
    /** no more children: all planned, or the window over */
    STOP_SENDING,
    /** no child works any more */
    FINISH,
    /** its strategy cancelled it */
    CANCEL,
    /** its children were refused too often */
    FAIL
}
