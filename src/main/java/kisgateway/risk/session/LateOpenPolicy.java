package kisgateway.risk.session;

/**
 * What happens to a session window on a late-opening day (the first trading day of the year, when KRX holds its
 * opening ceremony and the regular session starts an hour late). From KRX's notice for 2026-01-02 as reported
 * (news1 / Digital Today, 2025-12-18..31): the pre-open off-hours and the opening auction move by the delay, the
 * regular session only starts later, NXT's pre-market is not held, NXT's main market starts later, and the
 * afternoon sessions do not change.
 */
public enum LateOpenPolicy {
    /** The window keeps its hours. */
    UNCHANGED,
    /** Start and end move by the delay. */
    SHIFT,
    /** The start moves by the delay, the end stays. */
    DELAY_START,
    /** The window is not held that day. */
    CLOSED
}
