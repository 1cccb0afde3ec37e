package kisgateway.app.db;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The bounds on what the gateway waits for from PostgreSQL on its pooled connections, and how a failure that one
 * of them ended is told apart from any other database error.
 *
 * <p>A stopped, frozen or partitioned server cancels nothing itself: only the client's socket timeout ends a wait
 * for it. A live server that is slow (a statement stuck behind a lock, a runaway plan) is better stopped by the
 * server, which then frees the statement's locks and keeps the connection usable: so the statement and lock
 * timeouts are shorter than the socket timeout and fire first whenever the server can still act.
 *
 * @param socket     longest wait for any answer on a pooled connection; past it the connection is closed
 * @param statement  the server's {@code statement_timeout} of the pooled connections
 * @param lock       the server's {@code lock_timeout} of the pooled connections (row, table and advisory locks)
 * @param connect    TCP connect and login of a new connection
 * @param connection longest wait for a connection out of the pool (busy, or none can be made)
 * @param validation longest liveness check of an idle connection before the pool hands it out
 */
public record DatabaseTimeouts(Duration socket, Duration statement, Duration lock, Duration connect,
                               Duration connection, Duration validation) {

    public DatabaseTimeouts {
        for (Duration d : new Duration[] {socket, statement, lock, connect, connection, validation}) {
            Objects.requireNonNull(d, "database timeouts must all be set");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("database timeouts must be positive: " + d);
            }
        }
        if (socket.toMillis() % 1000 != 0 || connect.toMillis() % 1000 != 0) {
            // the PostgreSQL driver takes both in whole seconds
            throw new IllegalArgumentException("the socket and connect timeouts are whole seconds: " + socket + ", "
                    + connect);
        }
        if (statement.compareTo(socket) >= 0 || lock.compareTo(socket) >= 0) {
            throw new IllegalArgumentException("the statement (" + statement.toMillis() + " ms) and lock ("
                    + lock.toMillis() + " ms) timeouts must be shorter than the socket timeout (" + socket.toMillis()
                    + " ms), so that a live server cancels a slow statement before the connection is given up");
        }
        if (validation.compareTo(connection) >= 0 || validation.toMillis() < 250) {
            throw new IllegalArgumentException("the validation timeout must be at least 250 ms and shorter than the"
                    + " connection timeout: " + validation.toMillis() + " ms");
        }
    }

    /** The longest one call to the database can wait before it fails: a connection, then one answer. */
    public Duration longestWait() {
        return connection.plus(validation).plus(socket);
    }

    /**
     * Why the database did not answer, when one of these bounds (or the server being unreachable) ended the call
     * that threw {@code failure}; empty for any other failure (a constraint, a bug, bad SQL).
     */
    public Optional<String> unanswered(Throwable failure) {
        boolean timedOutReading = false;
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                // the pool's own: no connection within the connection timeout (none free, none could be made)
                return Optional.of("the gateway's database gave no connection within " + connection.toMillis() + " ms");
            }
            if (t instanceof SocketTimeoutException && sql != null) {
                // the driver's read timed out (an HTTP client's timeout has no SQLException above it)
                timedOutReading = true;
            }
            if (t instanceof SQLException s && sql == null && s.getSQLState() != null) {
                sql = s;
            }
        }
        if (timedOutReading) {
            return Optional.of("the gateway's database did not answer within " + socket.toMillis() + " ms");
        }
        if (sql == null) {
            return Optional.empty();
        }
        String state = sql.getSQLState();
        if ("57014".equals(state)) {
            return Optional.of("the gateway's database did not finish a statement within " + statement.toMillis() + " ms");
        }
        if ("55P03".equals(state)) {
            return Optional.of("the gateway's database did not grant a lock within " + lock.toMillis() + " ms");
        }
        if (state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)) {
            // connection failures, and the server shutting down, crashed or still starting
            return Optional.of("the gateway's database could not be reached");
        }
        return Optional.empty();
    }

    public boolean isUnanswered(Throwable failure) {
        return unanswered(failure).isPresent();
    }
}
