package kisgateway.sim.auth;

/** What a bearer token on a REST call turns out to be. */
public enum TokenCheck {
    VALID,
    /** Never issued, revoked, or issued to another app key: EGW00121. */
    UNKNOWN,
    /** Past access_token_token_expired, or expired by the admin API: EGW00123. */
    EXPIRED
}
