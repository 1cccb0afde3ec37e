package kisgateway.sim;

/** Renders credentials for logs and consoles: the first four characters, then asterisks. */
public final class SecretMask {
    private SecretMask() {
    }

    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        return secret.substring(0, Math.min(4, secret.length())) + "****";
    }
}
