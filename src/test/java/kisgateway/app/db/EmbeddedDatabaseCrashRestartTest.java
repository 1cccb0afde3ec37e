package kisgateway.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed together with its embedded PostgreSQL (kill -9 of both, as a crashed container or an OOM kill
 * does) must come back at once. The postmaster (pg_ctl makes it a child of init) may stay a zombie until init reaps
 * it, late or never in a container: its pid still answers, and PostgreSQL alone then refuses the data directory
 * ("lock file postmaster.pid already exists").
 */
class EmbeddedDatabaseCrashRestartTest {

    /** The crashing side: a JVM holding an embedded database on a data directory, with one row written. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 0, true);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement st = c.createStatement()) {
                st.execute("create table survivor (id int)");
                st.execute("insert into survivor values (42)");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    @Test
    void aDatabaseKilledWithItsJvmStartsAgainAtOnce(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dataDir.toString()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // the holder's log, until it says its row is committed
            }
            assertThat(line).as("the holder JVM started its database").isEqualTo("READY");
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());

        // both, as a crash does; the JVM first, so nothing of it is left to stop the postmaster in order
        holder.destroyForcibly();
        assertThat(holder.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> !PostmasterLock.running(postmaster));

        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir, 0, true);
             Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id from survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
