package kisgateway.app.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The operator's password as PBKDF2-HMAC-SHA256 with a random salt, written {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64 without padding). The password is hashed as the UTF-8 bytes of its characters, exactly as given: no
 * trimming, no normalisation, every character (a comma, a colon, a backslash, a space, Hangul) counts.
 */
public final class OperatorPasswordHash {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Below this a stored hash is refused rather than trusted: a hand-edited file must not weaken the check. */
    static final int MIN_ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private OperatorPasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static OperatorPasswordHash of(String password, int iterations) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password to hash");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be at least " + MIN_ITERATIONS + ", not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new OperatorPasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads the form {@link #encoded()} writes; anything else is refused with the reason (never the value). */
    public static OperatorPasswordHash parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + "$<iterations>$<salt>$<hash> password hash");
        }
        int iterations;
        byte[] salt;
        byte[] hash;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " password hash");
        }
        if (iterations < MIN_ITERATIONS || salt.length < SALT_BYTES || hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException(SCHEME + " password hash too weak or truncated (iterations " + iterations
                    + ", salt " + salt.length + " bytes, hash " + hash.length + " bytes)");
        }
        return new OperatorPasswordHash(iterations, salt, hash);
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether this is the hash of exactly {@code candidate}. Costs one PBKDF2 derivation (about 50 ms of one core at
     * the default iterations) whatever the candidate, and compares in constant time.
     */
    public boolean matches(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // SunJCE's PBKDF2 feeds the characters to HMAC as UTF-8, so non-ASCII passwords hash as they are sent
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "OperatorPasswordHash[" + SCHEME + ", iterations=" + iterations + "]";
    }
}
