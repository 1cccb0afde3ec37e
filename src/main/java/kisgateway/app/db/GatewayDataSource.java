package kisgateway.app.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import kisgateway.app.config.UrlCredentials;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pooled JDBC connections to PostgreSQL, every wait bounded, migrated by Flyway before anything uses them. */
public final class GatewayDataSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayDataSource.class);

    private final HikariDataSource pool;
    private final DataSource unpooled;
    private final DatabaseTimeouts timeouts;

    private GatewayDataSource(HikariDataSource pool, DataSource unpooled, DatabaseTimeouts timeouts) {
        this.pool = pool;
        this.unpooled = unpooled;
        this.timeouts = timeouts;
    }

    /**
     * The pool, with every wait bounded ({@link DatabaseTimeouts}), after the migrations ran. The migrations run on
     * connections of their own without those bounds: a migration may rightly take longer than any statement of
     * the running gateway (an index built over a year of fills).
     */
    public static GatewayDataSource connect(String jdbcUrl, String user, String password, int maxPoolSize,
                                            DatabaseTimeouts timeouts) {
        MigrateResult result = Flyway.configure()
                .dataSource(unpooled(jdbcUrl, user, password, timeouts))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("database ready url={} migrationsApplied={} schemaVersion={}", UrlCredentials.redact(jdbcUrl),
                result.migrationsExecuted, result.targetSchemaVersion);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("kis-gateway-db");
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(Math.min(2, maxPoolSize));
        hc.setConnectionTimeout(timeouts.connection().toMillis());
        hc.setValidationTimeout(timeouts.validation().toMillis());
        // Fail at start-up, with the reason, when the database is unreachable or the credentials are wrong.
        hc.setInitializationFailTimeout(timeouts.connection().toMillis());
        hc.addDataSourceProperty("ApplicationName", "kis-gateway");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // the driver's read timeout: the only bound on a server that stopped answering (it cancels nothing itself)
        hc.addDataSourceProperty("socketTimeout", String.valueOf(timeouts.socket().toSeconds()));
        hc.addDataSourceProperty("connectTimeout", String.valueOf(timeouts.connect().toSeconds()));
        hc.addDataSourceProperty("loginTimeout", String.valueOf(timeouts.connect().toSeconds()));
        // Set per session rather than as startup options: a connection pooler in front of the server may refuse
        // startup options, and a URL's own options would silently replace them. A holder that needs a longer
        // wait (the token store's issuance lock) raises them on its connection and puts them back.
        hc.setConnectionInitSql("set statement_timeout = " + timeouts.statement().toMillis()
                + "; set lock_timeout = " + timeouts.lock().toMillis());
        return new GatewayDataSource(new HikariDataSource(hc), unpooled(jdbcUrl, user, password, timeouts), timeouts);
    }

    /** Connections without the pool's statement, lock and socket bounds (the connect is still bounded). */
    private static DataSource unpooled(String jdbcUrl, String user, String password, DatabaseTimeouts timeouts) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setApplicationName("kis-gateway");
        ds.setTcpKeepAlive(true);
        ds.setConnectTimeout((int) timeouts.connect().toSeconds());
        ds.setLoginTimeout((int) timeouts.connect().toSeconds());
        return ds;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * Connections outside the pool, to the same server as the same user: for a holder that keeps one for its
     * lifetime (a LISTEN), which would otherwise take a pooled connection from the orders for good.
     */
    public DataSource unpooled() {
        return unpooled;
    }

    /** The bounds on the pooled connections' waits. */
    public DatabaseTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public void close() {
        pool.close();
    }
}
