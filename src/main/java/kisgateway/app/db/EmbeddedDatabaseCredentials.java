package kisgateway.app.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GeneratedPassword;
import kisgateway.app.config.OwnerOnlyFile;

/**
 * Who may log in to the embedded PostgreSQL, generated when its cluster is made and kept in the cluster's own
 * directory, readable by the owner only: the superuser {@code postgres}, for an operator, and the role the gateway
 * connects as, {@code kisgateway}. That role owns the database {@code kisgateway}, enough for the migrations to create
 * and change the schema, and is no superuser: an SQL statement the gateway can be made to run cannot run a program on
 * the server ({@code COPY ... TO PROGRAM}) or read its files.
 */
public final class EmbeddedDatabaseCredentials {

    /** The file in the cluster's data directory (PostgreSQL ignores files it does not know there). */
    public static final String FILE_NAME = "kis-gateway-credentials.properties";
    static final String SUPERUSER = "postgres";
    static final String GATEWAY_ROLE = "kisgateway";
    static final String DATABASE = "kisgateway";
    private static final String WHAT = "embedded PostgreSQL credentials file";

    private final String superuserPassword;
    private final String gatewayPassword;

    private EmbeddedDatabaseCredentials(String superuserPassword, String gatewayPassword) {
        this.superuserPassword = superuserPassword;
        this.gatewayPassword = gatewayPassword;
    }

    static EmbeddedDatabaseCredentials generate() {
        return new EmbeddedDatabaseCredentials(GeneratedPassword.next(), GeneratedPassword.next());
    }

    static EmbeddedDatabaseCredentials read(Path file) {
        Properties p = OwnerOnlyFile.read(file, WHAT);
        String superuser = p.getProperty("superuser.password");
        String gateway = p.getProperty("gateway.password");
        // the gateway's password goes into a CREATE ROLE statement: only what the gateway generated may
        if (!GeneratedPassword.isWellFormed(superuser) || !GeneratedPassword.isWellFormed(gateway)) {
            throw new ConfigurationException(WHAT + " " + file + " lacks superuser.password or gateway.password, or"
                    + " holds one the gateway did not generate");
        }
        return new EmbeddedDatabaseCredentials(superuser, gateway);
    }

    void writeTo(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("database", DATABASE);
        values.put("superuser.user", SUPERUSER);
        values.put("superuser.password", superuserPassword);
        values.put("gateway.user", GATEWAY_ROLE);
        values.put("gateway.password", gatewayPassword);
        OwnerOnlyFile.write(file, """
                Logins of kis-gateway's embedded PostgreSQL, generated when this cluster was made; keep it with the cluster.
                PostgreSQL accepts password logins only, over 127.0.0.1 (port: db.embedded.port) and its local socket.
                gateway.user owns the database and is what the gateway connects as; superuser.user is for an operator.
                  psql -h 127.0.0.1 -p 15432 -U kisgateway kisgateway""", values);
    }

    static boolean existIn(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME));
    }

    String superuserPassword() {
        return superuserPassword;
    }

    String gatewayPassword() {
        return gatewayPassword;
    }

    @Override
    public String toString() {
        return "EmbeddedDatabaseCredentials[superuser=" + SUPERUSER + ", gateway=" + GATEWAY_ROLE + ", passwords=****]";
    }
}
