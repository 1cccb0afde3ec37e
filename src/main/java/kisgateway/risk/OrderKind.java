package kisgateway.risk;

/** What an order request does: new risk, a cancel of a working order, or a revision (KIS order-rvsecncl). */
public enum OrderKind {
    NEW,
    CANCEL,
    REPLACE
}
