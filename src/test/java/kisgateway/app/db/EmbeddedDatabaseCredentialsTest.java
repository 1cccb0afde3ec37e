package kisgateway.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets in only who knows a password generated at its first start: the gateway's own role,
 * which owns its database but is no superuser, and the superuser for an operator. Before, every local connection was
 * trusted as the superuser, and a superuser's {@code COPY ... TO PROGRAM} runs any command as the gateway's OS user.
 */
class EmbeddedDatabaseCredentialsTest {

    private static final String FILE = "kis-gateway-credentials.properties";

    /** A temporary cluster, as the tests' shared infrastructure runs: its credentials are made for this start. */
    private static EmbeddedDatabase db;

    @BeforeAll
    static void startTemporaryCluster() {
        db = EmbeddedDatabase.start(null, 0, false);
    }

    @AfterAll
    static void stopTemporaryCluster() {
        db.close();
    }

    @Test
    void aConnectionWithoutThePasswordIsRefused() {
        assertThat(db.credentialsFile()).as("a temporary cluster's credentials are not kept").isNull();
        for (String user : new String[] {"postgres", db.user()}) {
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), user, "").close())
                    .as(user + " without a password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), user, "guessed").close())
                    .as(user + " with a wrong password").isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void theGatewaysRoleCannotRunAProgramOnTheServer(@TempDir Path dir) throws Exception {
        Path ran = dir.resolve("ran");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("copy (select 1) to program 'touch " + ran + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            try (ResultSet rs = st.executeQuery("select rolsuper, rolcreaterole, rolcreatedb from pg_roles"
                    + " where rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)})
                        .as("superuser, create role, create database").containsOnly(false);
            }
            // what the migrations need: the gateway owns its database and creates its schema in it
            st.execute("create table owned_by_the_gateway (id int)");
        }
        assertThat(ran).doesNotExist();
    }

    /** One cluster on a data directory: made, restarted, then its credentials file widened and lost. */
    @Test
    void theCredentialsLiveWithTheDataForTheOwnerOnlyAndARestartReusesThem(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Path file = data.resolve(FILE);
        String password;
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0, false);
             Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
             Statement st = c.createStatement()) {
            assertThat(first.credentialsFile()).isEqualTo(file);
            st.execute("create table kept (id int)");
            password = first.password();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties stored = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            stored.load(r);
        }
        assertThat(stored.getProperty("gateway.password")).isEqualTo(password);
        assertThat(stored.getProperty("superuser.password")).isNotBlank().isNotEqualTo(password);

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, 0, false);
             Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
             Statement st = c.createStatement()) {
            assertThat(again.password()).isEqualTo(password);
            st.executeQuery("select count(*) from kept").close();
        }

        // a file others may read is refused rather than used
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0, false).close())
                .hasMessageContaining(file.toString()).hasMessageContaining("readable by its group")
                .hasMessageContaining("chmod 600");

        // a cluster without the file (made before the embedded database had credentials: its superuser has no
        // password) is refused, with the way out
        Files.delete(file);
        assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0, false).close())
                .hasMessageContaining(data.toAbsolutePath().toString()).hasMessageContaining(FILE)
                .hasMessageContaining("move it aside or delete it");
    }
}
