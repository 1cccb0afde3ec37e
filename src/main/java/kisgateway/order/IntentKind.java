package kisgateway.order;

public enum IntentKind {
    NEW,
    CANCEL,
    REPLACE
}
