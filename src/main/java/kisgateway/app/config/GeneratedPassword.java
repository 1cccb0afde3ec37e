package kisgateway.app.config;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords the gateway makes for the parts it embeds: 192 random bits, written in the URL-safe base64 alphabet
 * (letters, digits, '-' and '_'), so one can stand in SQL quotes, a properties file or a URL without escaping.
 */
public final class GeneratedPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    public static String next() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True for what {@link #next()} makes: a stored value that is not is refused rather than put into SQL. */
    public static boolean isWellFormed(String password) {
        return password != null && password.matches("[A-Za-z0-9_-]{32}");
    }
}
