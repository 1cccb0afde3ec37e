package kisgateway.kis;

/**
 * KIS renamed several order/inquiry TRs (e.g. TTTC0802U became TTTC0012U). The old IDs are still seen in
 * clients (reference §3: legacy samples, python-kis, mojito), so both generations are kept in {@link TrIdTable}.
 */
public enum TrGeneration {
    CURRENT,
    OLD
}
