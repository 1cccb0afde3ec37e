package kisgateway.kis.ws;

/** {@code ACPT_YN}: 1 order received, 2 confirmed, 3 cancelled by the market (unfilled IOC/FOK remainder). */
public enum AcceptanceStage {
    RECEIVED,
    CONFIRMED,
    IOC_FOK_CANCELLED,
    UNKNOWN
}
