package kisgateway.app.console;

import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty's view of the operator's password for Hawtio: the PBKDF2 check of {@link OperatorLogin}. Jetty's own
 * {@code Credential.getCredential(password)} would read a password that starts with {@code MD5:}, {@code CRYPT:}
 * or {@code OBF:} as a hash of something else, and keeps the rest in the clear.
 */
final class OperatorCredential extends Credential {

    private static final long serialVersionUID = 1L;

    private final transient OperatorLogin login;

    OperatorCredential(OperatorLogin login) {
        this.login = login;
    }

    @Override
    public boolean check(Object credentials) {
        if (login == null) {
            return false;
        }
        if (credentials instanceof char[] chars) {
            return login.acceptsPassword(new String(chars));
        }
        return credentials instanceof String password && login.acceptsPassword(password);
    }
}
