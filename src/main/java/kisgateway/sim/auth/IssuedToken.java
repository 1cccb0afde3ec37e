package kisgateway.sim.auth;

import java.time.Instant;

import kisgateway.sim.SecretMask;

/** An access token as tokenP hands it out. */
public record IssuedToken(String value, String appKey, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[value=" + SecretMask.mask(value) + ", appKey=" + SecretMask.mask(appKey) + ", issuedAt="
                + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
