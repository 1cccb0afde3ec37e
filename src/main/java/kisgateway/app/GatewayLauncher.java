package kisgateway.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.config.GatewayConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar kis-gateway.jar [--config DIR]} runs the gateway; {@code java -jar kis-gateway.jar simulator ...}
 * runs the KIS simulator alone. SIGTERM (and Ctrl-C) stops the gateway in order: Camel drains, then Hawtio,
 * broker and database close, then the JVM exits.
 */
public final class GatewayLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLauncher.class);

    private GatewayLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulator")) {
            SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("operator-hash")) {
            operatorHash(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Optional<Path> overrideDir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a directory");
                    }
                    overrideDir = Optional.of(Path.of(args[++i]));
                }
                case "-h", "--help" -> {
                    usage(null);
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        GatewayConfig config;
        try {
            Path base = Path.of(System.getProperty("kisgateway.config.dir", "config"));
            config = GatewayConfigLoader.fromProcess().load(base, overrideDir);
        } catch (ConfigurationException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        GatewayApplication app = new GatewayApplication(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before anything starts: a SIGTERM during start-up still stops what was started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "kis-gateway-shutdown"));
        try {
            app.start();
        } catch (Exception e) {
            LOG.error("kis-gateway failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        stopped.await();
    }

    /**
     * Prints a line of {@code gateway.operator.logins-file} for one more operator: the user and the PBKDF2 hash of
     * the password read from the console (not echoed) or, without one, the first line of standard input.
     */
    private static void operatorHash(String[] args) throws java.io.IOException {
        if (args.length != 1) {
            usage("operator-hash needs the operator's user name");
        }
        java.io.Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("password for %s: ", args[0]);
            password = typed == null ? null : new String(typed);
        } else {
            password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
        }
        try {
            System.out.println(kisgateway.app.console.OperatorLoginsFile.line(args[0], password, OPERATOR_HASH_ITERATIONS));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
    }

    /** As gateway.operator.password-hash-iterations by default. */
    private static final int OPERATOR_HASH_ITERATIONS = 210_000;

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: java -jar kis-gateway.jar [--config DIR]");
        System.err.println("       java -jar kis-gateway.jar operator-hash USER   (a line of gateway.operator.logins-file)");
        System.err.println("       java -jar kis-gateway.jar simulator --rest-port P --ws-port Q [--env real|paper] "
                + "[--account APPKEY:APPSECRET:HTSID:CANO]...");
        System.exit(problem == null ? 0 : 2);
    }
}
