package kisgateway.kis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The KIS app key (36 chars in production). Identifies the rate budget, the token and the one WebSocket. */
public final class AppKey extends MaskedSecret {

    private final String id;

    public AppKey(String value) {
        super(value, "app key");
        this.id = sha256Hex(value);
    }

    /** Hex SHA-256 of the key: safe to store, log and tag metrics with (the token table's {@code app_key_id}). */
    public String id() {
        return id;
    }

    /** A short, non-secret label for metrics and logs: the first 8 hex chars of {@link #id()}. */
    public String label() {
        return id.substring(0, 8);
    }

    private static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
