package kisgateway.kis.auth;

import java.time.Instant;
import java.util.Objects;

/** A row of {@code kis_tokens}: the token only as AES-GCM ciphertext, the app key only as its SHA-256. */
public record StoredToken(String appKeyId, TokenKind kind, String ciphertext, Instant issuedAt, Instant expiresAt) {

    public StoredToken {
        Objects.requireNonNull(appKeyId, "appKeyId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "StoredToken[" + appKeyId.substring(0, Math.min(8, appKeyId.length())) + ", " + kind + ", expires "
                + expiresAt + "]";
    }
}
