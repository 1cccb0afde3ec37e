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

/** The pooled JDBC connection to PostgreSQL, migrated by Flyway before anything uses it. */
public final class GatewayDataSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayDataSource.class);

    private final HikariDataSource pool;
    private final DataSource unpooled;

    private GatewayDataSource(HikariDataSource pool, DataSource unpooled) {
        this.pool = pool;
        this.unpooled = unpooled;
    }

    public static GatewayDataSource connect(String jdbcUrl, String user, String password, int maxPoolSize,
                                            long connectionTimeoutMs) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("kis-gateway-db");
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(maxPoolSize);
        hc.setMinimumIdle(Math.min(2, maxPoolSize));
        hc.setConnectionTimeout(connectionTimeoutMs);
        // Fail at start-up, with the reason, when the database is unreachable or the credentials are wrong.
        hc.setInitializationFailTimeout(connectionTimeoutMs);
        hc.addDataSourceProperty("ApplicationName", "kis-gateway");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("database ready url={} migrationsApplied={} schemaVersion={}", UrlCredentials.redact(jdbcUrl),
                    result.migrationsExecuted, result.targetSchemaVersion);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new GatewayDataSource(pool, unpooled(jdbcUrl, user, password, connectionTimeoutMs));
    }

    private static DataSource unpooled(String jdbcUrl, String user, String password, long connectionTimeoutMs) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setApplicationName("kis-gateway");
        ds.setTcpKeepAlive(true);
        ds.setConnectTimeout((int) Math.max(1, (connectionTimeoutMs + 999) / 1000));
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

    @Override
    public void close() {
        pool.close();
    }
}
