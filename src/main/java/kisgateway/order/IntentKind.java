package kisgateway.order;

public enum IntentKind {
    NEW,
    CANCEL,
    REPLACE,
    /** a parent order the gateway slices into children (issue 22) */
    PARENT
}
