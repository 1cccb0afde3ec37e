package kisgateway.app.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL flushes every commit when asked to, wherever its cluster lives: the default run keeps its
 * data in a directory, the benchmarks in a temporary one, and both must pay the flushes the gateway's data needs
 * (zonky's defaults, fsync off and asynchronous commits, are for throw-away test data only).
 */
class EmbeddedDatabaseDurabilityTest {

    @Test
    void aDurableTemporaryClusterFlushesEveryCommit() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, true)) {
            assertEquals("on", setting(db, "fsync"));
            assertEquals("on", setting(db, "synchronous_commit"));
        }
    }

    @Test
    void throwAwayTestDataSkipsTheFlushes() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(null, 0, false)) {
            assertEquals("off", setting(db, "fsync"));
            assertEquals("off", setting(db, "synchronous_commit"));
        }
    }

    private static String setting(EmbeddedDatabase db, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
