package kisgateway.app.console;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operator login the management endpoints, Hawtio (Jolokia included) and the admin API accept: the one
 * configured as {@code gateway.operator.user}/{@code password}, and those of {@code gateway.operator.logins-file}
 * (user and PBKDF2 hash, never a password). Several are what four eyes need: a promotion asked for by one operator
 * is approved by another, each logging in as themselves.
 */
public final class OperatorLogins {

    private final OperatorLogin primary;
    private final Map<String, OperatorLogin> byUser;

    private OperatorLogins(OperatorLogin primary, Map<String, OperatorLogin> byUser) {
        this.primary = primary;
        this.byUser = byUser;
    }

    /** Only the configured operator. */
    public static OperatorLogins of(OperatorLogin primary) {
        return with(primary, List.of());
    }

    /** The configured operator and more; a user named twice is refused. */
    public static OperatorLogins with(OperatorLogin primary, Collection<OperatorLogin> more) {
        Map<String, OperatorLogin> byUser = new LinkedHashMap<>();
        byUser.put(primary.user(), primary);
        for (OperatorLogin login : more) {
            if (byUser.putIfAbsent(login.user(), login) != null) {
                throw new IllegalArgumentException("operator '" + login.user() + "' is named twice (gateway.operator.user"
                        + " and gateway.operator.logins-file name each operator once)");
            }
        }
        return new OperatorLogins(primary, Map.copyOf(byUser));
    }

    /**
     * Whether {@code user} logs in with exactly {@code password}. An unknown user costs the same PBKDF2 check as a
     * known one, against the configured operator's hash, and fails: the answer's time does not tell who exists.
     */
    public boolean accepts(String user, String password) {
        OperatorLogin login = user == null ? null : byUser.get(user);
        if (login == null) {
            primary.acceptsPassword(password);
            return false;
        }
        return login.accepts(user, password);
    }

    public Optional<OperatorLogin> login(String user) {
        return Optional.ofNullable(byUser.get(user));
    }

    public Collection<OperatorLogin> all() {
        return byUser.values();
    }

    public int count() {
        return byUser.size();
    }
}
