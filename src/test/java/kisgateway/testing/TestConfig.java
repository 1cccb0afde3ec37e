package kisgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.config.GatewayConfigLoader;

/**
 * The project's real configuration ({@code config/}) with the overrides tests need: throw-away data
 * directories, free ports, no Hawtio unless asked. Everything else is what the gateway runs with.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("kisgateway.project.dir", ".")).toAbsolutePath().normalize();
    }

    public static GatewayConfig load(Map<String, String> overrides) {
        Properties layer = new Properties();
        layer.setProperty("kis.mode", "sim");
        layer.setProperty("db.embedded.data-dir", "");
        layer.setProperty("db.embedded.port", "0");
        // throw-away data: no commit waits for a WAL flush (the benchmarks set it back to true)
        layer.setProperty("db.embedded.durable", "false");
        layer.setProperty("broker.embedded.data-dir", "");
        layer.setProperty("broker.embedded.port", "0");
        layer.setProperty("broker.embedded.config", projectDir().resolve("config/artemis/broker.xml").toString());
        layer.setProperty("hawtio.enabled", "false");
        // a test JVM starts many gateways side by side: they leave its heap alone (HeapAtRestTest tests the tuning)
        layer.setProperty("gateway.jvm.trim-heap-after-start", "false");
        layer.setProperty("gateway.jvm.max-heap-free-percent", "0");
        layer.setProperty("gateway.jvm.idle-gc-interval-ms", "0");
        layer.setProperty("sim.rest-port", "0");
        layer.setProperty("sim.ws-port", "0");
        layer.setProperty("gateway.http.port", String.valueOf(freePort()));
        layer.setProperty("camel.main.routes-include-pattern", "file:" + projectDir().resolve("routes") + "/*.camel.yaml");
        layer.setProperty("camel.main.routes-reload-enabled", "false");
        layer.setProperty("kis.secrets-file", "");
        layer.setProperty("fills.cluster.root", temporaryDirectory("kis-gateway-cluster").toString());
        layer.setProperty("reports.directory", temporaryDirectory("kis-gateway-reports").toString());
        layer.setProperty("gateway.operator.auth-file", temporaryDirectory("kis-gateway-auth").resolve("operator.properties").toString());
        layer.putAll(overrides);
        return new GatewayConfigLoader(Map.of(), layer).load(projectDir().resolve("config"), Optional.empty());
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings of a gateway that a test restarts on the same data, with {@code more}: its own database directory,
     * and KIS's ports fixed, since KIS's address is the cluster's (cluster_key_settings) and the simulator must come
     * back where it was.
     */
    public static Map<String, String> restartableOn(Path database, Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(more);
        config.put("db.embedded.data-dir", database.toString());
        config.put("sim.rest-port", String.valueOf(freePort()));
        config.put("sim.ws-port", String.valueOf(freePort()));
        return Map.copyOf(config);
    }

    /** Deletes a directory and everything in it; a file that cannot be deleted fails the caller. */
    public static void deleteTree(Path dir) throws IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                java.nio.file.Files.delete(f);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
