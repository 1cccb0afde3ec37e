package kisgateway.kis;

/**
 * KIS renamed several order/inquiry TRs (e.g. TTTC0802U became TTTC0012U). The old IDs are still seen in
 * clients (docs/architecture.md#tr-ids: legacy samples, python-kis, mojito), so both generations are kept in
 * {@link TrIdTable}.
 */
public enum TrGeneration {
    CURRENT,
    OLD
}
