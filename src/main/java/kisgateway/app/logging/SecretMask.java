package kisgateway.app.logging;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * The secret values this process knows (app keys, app secrets, tokens, approval keys, account numbers) and
 * the masking of any text that contains one. The logging layout masks every line through it, and every
 * message header the gateway writes from an exception goes through it too, so a secret that slips into an
 * exception message or a log argument is still never written out.
 *
 * <p>Global on purpose: the log layout is created by the logging framework, not by the gateway.
 */
public final class SecretMask {

    public static final String MASK = "****";

    /** Secrets shorter than this would mask ordinary words; no real KIS credential is that short. */
    private static final int MIN_SECRET_LENGTH = 6;

    /** KIS access tokens are JWTs: mask any JWT even if it was never registered. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private SecretMask() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            SECRETS.add(secret);
        }
    }

    public static void forget(String secret) {
        SECRETS.remove(secret);
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(MASK);
        }
        return out;
    }
}
