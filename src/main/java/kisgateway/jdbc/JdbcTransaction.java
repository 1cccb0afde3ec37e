package kisgateway.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One unit of work in one database transaction: committed when it returns, rolled back when it throws. The stores
 * of every book (orders, fills, mass cancels, rollout) share it and say in {@code failure} what their callers
 * are told when the database fails. The pool (Hikari) puts a connection's auto-commit back when it is returned.
 */
public final class JdbcTransaction {

    /** Work on the transaction's connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private JdbcTransaction() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work, Function<SQLException, RuntimeException> failure) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    // a broken connection (the server gone, a read timed out) rolls nothing back: the failure
                    // that broke it is the one to report, or a stalled database reads as an internal error
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }
}
