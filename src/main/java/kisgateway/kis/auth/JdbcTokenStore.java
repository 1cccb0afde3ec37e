package kisgateway.kis.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

/** {@link TokenStore} on the PostgreSQL table {@code kis_tokens} (Flyway migration V1 of the main branch). */
public final class JdbcTokenStore implements TokenStore {

    private static final String SELECT = "select token_ciphertext, issued_at, expires_at from kis_tokens"
            + " where app_key_id = ? and token_kind = ?";
    private static final String UPSERT = "insert into kis_tokens"
            + " (app_key_id, token_kind, token_ciphertext, issued_at, expires_at, updated_at)"
            + " values (?, ?, ?, ?, ?, now())"
            + " on conflict (app_key_id, token_kind) do update set token_ciphertext = excluded.token_ciphertext,"
            + " issued_at = excluded.issued_at, expires_at = excluded.expires_at, updated_at = now()";
    private static final String DELETE = "delete from kis_tokens where app_key_id = ? and token_kind = ?";

    private final DataSource dataSource;

    public JdbcTokenStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<StoredToken> load(String appKeyId, TokenKind kind) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, appKeyId);
            statement.setString(2, kind.name());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredToken(appKeyId, kind, rows.getString(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant(),
                        rows.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("kis_tokens load failed for " + kind + ": " + e.getSQLState(), e);
        }
    }

    @Override
    public void save(StoredToken token) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, token.appKeyId());
            statement.setString(2, token.kind().name());
            statement.setString(3, token.ciphertext());
            statement.setObject(4, utc(token.issuedAt()));
            statement.setObject(5, utc(token.expiresAt()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("kis_tokens save failed for " + token.kind() + ": " + e.getSQLState(), e);
        }
    }

    @Override
    public void delete(String appKeyId, TokenKind kind) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DELETE)) {
            statement.setString(1, appKeyId);
            statement.setString(2, kind.name());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("kis_tokens delete failed for " + kind + ": " + e.getSQLState(), e);
        }
    }

    /**
     * A session-level advisory lock of (app key, kind) on a connection of its own, held for the issuance (an HTTP
     * call to KIS, its retries included) and released with the connection. Waiting is bounded by {@code wait}
     * alone, so an instance never waits forever behind one that hangs: the pool's own bounds on a statement (its
     * statement and lock timeouts, its socket timeout) are far shorter than another instance's issuance and would
     * cut the wait off, so the connection takes {@code wait} for the one statement that waits and gets the pool's
     * bounds back as soon as it holds the lock.
     */
    @Override
    public IssuanceLock lockIssuance(String appKeyId, TokenKind kind, java.time.Duration wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            Bounds pools = Bounds.of(connection);
            long waitMs = Math.max(1, wait.toMillis());
            // the lock's own timeout ends the wait with a clear error; the statement's and the socket's only
            // back it up (a server that stopped answering)
            new Bounds(waitMs + 1_000 + "ms", waitMs + "ms", (int) Math.min(Integer.MAX_VALUE, waitMs + 3_000))
                    .apply(connection);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_advisory_lock(hashtext('kis_tokens'), hashtext(? || '/' || ?))")) {
                statement.setString(1, appKeyId);
                statement.setString(2, kind.name());
                statement.execute();
            }
            pools.apply(connection);
            Connection held = connection;
            return () -> {
                try (held) {
                    try (PreparedStatement statement = held.prepareStatement(
                            "select pg_advisory_unlock(hashtext('kis_tokens'), hashtext(? || '/' || ?))")) {
                        statement.setString(1, appKeyId);
                        statement.setString(2, kind.name());
                        statement.execute();
                    }
                } catch (SQLException e) {
                    // a pooled session must not go back still holding the lock: end it, which releases it
                    try {
                        held.abort(Runnable::run);
                    } catch (SQLException ignored) {
                        // the session is gone either way
                    }
                }
            };
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    // ended rather than returned: it may hold the lock, or the longer bounds
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new IllegalStateException("kis_tokens issuance lock for " + kind + " not had: " + e.getSQLState(), e);
        }
    }

    /** A connection's statement and lock timeouts (the server's) and its network timeout (the driver's). */
    private record Bounds(String statementTimeout, String lockTimeout, int networkTimeoutMs) {

        static Bounds of(Connection c) throws SQLException {
            try (var statement = c.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "select current_setting('statement_timeout'), current_setting('lock_timeout')")) {
                rs.next();
                return new Bounds(rs.getString(1), rs.getString(2), c.getNetworkTimeout());
            }
        }

        void apply(Connection c) throws SQLException {
            try (PreparedStatement statement = c.prepareStatement(
                    "select set_config('statement_timeout', ?, false), set_config('lock_timeout', ?, false)")) {
                statement.setString(1, statementTimeout);
                statement.setString(2, lockTimeout);
                statement.execute();
            }
            c.setNetworkTimeout(Runnable::run, networkTimeoutMs);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
