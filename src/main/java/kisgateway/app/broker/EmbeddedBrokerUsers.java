package kisgateway.app.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GeneratedPassword;
import kisgateway.app.config.OwnerOnlyFile;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The users of the embedded broker: one per role of broker.xml, named after it, each with a password generated at the
 * broker's first start and kept beside its journal, readable by the owner only. The gateway logs in as
 * {@code kis-gateway}; a back-office tool as {@code back-office}, a strategy as {@code strategy}, an operator as
 * {@code operations}, each with exactly the rights broker.xml gives its role, as on the external broker.
 */
public final class EmbeddedBrokerUsers {

    /** The file in the broker's data directory. */
    public static final String FILE_NAME = "kis-gateway-credentials.properties";
    public static final String GATEWAY = "kis-gateway";
    /** The roles of config/artemis/broker.xml's security settings. */
    static final List<String> ROLES = List.of(GATEWAY, "strategy", "back-office", "operations");
    private static final String WHAT = "embedded broker users file";

    private final Map<String, String> passwords;
    private final Path file;

    private EmbeddedBrokerUsers(Map<String, String> passwords, Path file) {
        this.passwords = passwords;
        this.file = file;
    }

    /** The users kept in {@code dataDir}, made and written there on the broker's first start. */
    static EmbeddedBrokerUsers loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties p = OwnerOnlyFile.read(file, WHAT);
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String role : ROLES) {
                String password = p.getProperty(role);
                if (password == null || password.isBlank()) {
                    throw new ConfigurationException(WHAT + " " + file + " has no password for " + role
                            + "; delete the file to have new passwords made for every user");
                }
                passwords.put(role, password.trim());
            }
            return new EmbeddedBrokerUsers(passwords, file);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        ROLES.forEach(role -> passwords.put(role, GeneratedPassword.next()));
        OwnerOnlyFile.write(file, """
                Users of kis-gateway's embedded Artemis, generated at its first start: user = password, each user named
                after its role in config/artemis/broker.xml (kis-gateway: the gateway itself; strategy: sends intents;
                back-office: reads events, fills, breaks and reports; operations: the dead letters). Delete this file
                to have new passwords made at the next start.""", passwords);
        return new EmbeddedBrokerUsers(passwords, file);
    }

    /** The gateway's own login: every right on every kis address. */
    public BrokerLogin gateway() {
        return login(GATEWAY);
    }

    /** The login of a role of broker.xml ({@code strategy}, {@code back-office}, {@code operations}, ...). */
    public BrokerLogin login(String role) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalArgumentException("the embedded broker has no user for role " + role);
        }
        return new BrokerLogin(role, password);
    }

    public Path file() {
        return file;
    }

    /** Artemis's in-VM login module over these users, each in its role: any other login is refused. */
    ActiveMQJAASSecurityManager securityManager() {
        SecurityConfiguration users = new SecurityConfiguration();
        passwords.forEach((role, password) -> {
            users.addUser(role, password);
            users.addRole(role, role);
        });
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }
}
