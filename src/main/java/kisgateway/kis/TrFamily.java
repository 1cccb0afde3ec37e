package kisgateway.kis;

/** Which TR ID set a host understands: the real one (T…/C…) or the paper-trading one (V…). */
public enum TrFamily {
    REAL,
    PAPER
}
