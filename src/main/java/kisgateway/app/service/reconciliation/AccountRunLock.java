package kisgateway.app.service.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide lock of one account's reconciliation: a PostgreSQL session-level advisory lock, held on a
 * connection of its own for the whole run. Holding it proves that no live instance runs the account: the server
 * releases it with the session, so an instance killed mid-run (or cut off from the database) gives it up at once,
 * and a RUNNING record left behind is then known dead rather than guessed dead after a while.
 *
 * <p>The connection sits idle between the run's start and end: the pool's socket and statement timeouts bound
 * only statements, so an idle connection keeps its lock however long the run takes.
 */
final class AccountRunLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRunLock.class);
    /** (namespace, account): the two-int key space, apart from the single-bigint locks of the fill path. */
    private static final String KEY = "hashtext('recon_runs'), hashtext(?)";

    private final Connection connection;
    private final String account;

    private AccountRunLock(Connection connection, String account) {
        this.connection = connection;
        this.account = account;
    }

    /** @return the lock, or empty when another session holds it (a run of the account is going elsewhere) */
    static Optional<AccountRunLock> tryTake(DataSource dataSource, String account) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(" + KEY + ")")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new AccountRunLock(c, account));
                    }
                }
            }
            c.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            // the answer may be lost after the server granted it: the session must not go back to the pool
            abort(c);
            throw e;
        }
    }

    /** The session that holds the lock: statements on it run while the lock is surely held. */
    Connection connection() {
        return connection;
    }

    /**
     * Fails unless the lock is still held: a session lock ends only with an unlock or with its session, so a
     * session that still answers still holds it. Checked before a run changes the books.
     */
    void confirmHeld() {
        try (PreparedStatement ps = connection.prepareStatement("select 1")) {
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("reconciliation of " + account + " lost its lock (its database session "
                    + "ended) before applying its outcome");
        }
    }

    /** Released and the connection back to the pool; a session that cannot say it released is ended instead. */
    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(" + KEY + ")")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    LOG.warn("reconciliation lock was not held at release account={}", account);
                }
            }
            connection.close();
        } catch (SQLException e) {
            LOG.warn("reconciliation lock not released, its session ended instead account={} sqlState={}", account,
                    e.getSQLState());
            abort(connection);
        }
    }

    /** Ends the session (which releases its locks), then hands the dead connection back for the pool to drop. */
    private static void abort(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // the session is gone either way
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // already closed by the abort
        }
    }
}
