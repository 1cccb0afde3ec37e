package kisgateway.app.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one operator login the management endpoints, Hawtio (Jolokia included) and the admin API accept: a user
 * name and the password's PBKDF2 hash. Every check compares in constant time.
 *
 * <p>PBKDF2 is slow on purpose, and Hawtio polls Jolokia every few seconds with the same Basic credentials. So
 * once a password has matched the hash, a keyed HMAC of it (the key random per process, never stored) is kept,
 * and later checks compare HMACs: the same password passes without PBKDF2, any other fails without it too. Until
 * then a wrong password costs a PBKDF2 derivation, one at a time, so a flood of guesses takes one core, not all.
 */
public final class OperatorLogin {

    private final String user;
    private final OperatorPasswordHash hash;
    private final SecretKeySpec rememberKey;
    private final Object derivation = new Object();
    private volatile byte[] remembered;

    public OperatorLogin(String user, OperatorPasswordHash hash) {
        OperatorCredentials.requireUsableUser(user);
        this.user = user;
        this.hash = hash;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Hashes the configured password; the password itself is not kept. */
    public static OperatorLogin hashing(OperatorCredentials credentials, int iterations) {
        return new OperatorLogin(credentials.user(), OperatorPasswordHash.of(credentials.password(), iterations));
    }

    public String user() {
        return user;
    }

    public OperatorPasswordHash hash() {
        return hash;
    }

    /** Whether {@code user} and {@code password} are exactly this login's (no trimming, no case folding). */
    public boolean accepts(String user, String password) {
        boolean userMatches = user != null
                && MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), this.user.getBytes(StandardCharsets.UTF_8));
        // the password is checked whatever the user: a wrong user name answers no faster than a wrong password
        return passwordMatches(password) & userMatches;
    }

    /** The password alone, for a container that has looked the user up already (Jetty's login service). */
    public boolean acceptsPassword(String password) {
        return passwordMatches(password);
    }

    private boolean passwordMatches(String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        byte[] tag = hmac(password);
        byte[] known = remembered;
        if (known != null) {
            return MessageDigest.isEqual(known, tag);
        }
        boolean matches;
        synchronized (derivation) {
            known = remembered;
            if (known != null) {
                return MessageDigest.isEqual(known, tag);
            }
            matches = hash.matches(password);
            if (matches) {
                remembered = tag;
            }
        }
        return matches;
    }

    private byte[] hmac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OperatorLogin[user=" + user + ", " + hash + "]";
    }
}
