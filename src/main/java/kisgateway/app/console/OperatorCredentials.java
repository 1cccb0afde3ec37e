package kisgateway.app.console;

/**
 * The operator's user and password as configured, for the management endpoints, Hawtio and Jolokia and the admin
 * API. The password is taken exactly as given (an environment variable keeps surrounding spaces); only its hash
 * is kept once the gateway runs ({@link OperatorLogin}).
 */
public record OperatorCredentials(String user, String password) {
    public OperatorCredentials {
        requireUsableUser(user);
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException(
                    "operator credentials need a password of at least 12 characters (gateway.operator.password)");
        }
    }

    /**
     * HTTP Basic sends {@code user:password} and splits at the first colon, so a user name with a colon could
     * never log in; a control character could not be typed into a browser's login box either.
     */
    static void requireUsableUser(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("operator credentials need a user (gateway.operator.user)");
        }
        if (user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "gateway.operator.user may hold neither a colon nor a control character (HTTP Basic cannot send them)");
        }
    }

    @Override
    public String toString() {
        return "OperatorCredentials[user=" + user + ", password=****]";
    }
}
