package kisgateway.kis.auth;

import java.time.Instant;
import java.util.Objects;

import kisgateway.kis.MaskedSecret;

/** A token or approval key with the time KIS issued it and the time it stops working. */
public record IssuedCredential<T extends MaskedSecret>(T value, Instant issuedAt, Instant expiresAt) {

    public IssuedCredential {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
