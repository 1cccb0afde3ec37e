package kisgateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as an operator runs it: its own JVM started by the launcher on the embedded defaults, healthy,
 * then SIGTERM (what Ctrl-C and `docker stop` send): Camel drains, Hawtio, broker and database close in order and
 * the JVM exits with nothing left hanging. How fast it starts (the 15 s target) is a benchmark's question,
 * {@code bench/startup.sh}, not this test's: on a slow or busy machine a timed assertion here only flakes (it
 * did, at 13-15 s on the 2-core machine of 2026-12-03). The time is printed.
 */
class GatewayProcessTest {

    @Test
    void startsHealthyAndExitsCleanlyOnSigterm(@TempDir Path workDir) throws Exception {
        int httpPort = TestConfig.freePort();
        int hawtioPort = TestConfig.freePort();
        Path project = TestConfig.projectDir();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dkisgateway.config.dir=" + project.resolve("config"),
                "-Dcamel.main.routes-include-pattern=file:" + project.resolve("routes") + "/*.camel.yaml",
                "-Dcamel.main.routes-reload-directory=" + project.resolve("routes"),
                "-Dbroker.embedded.config=" + project.resolve("config/artemis/broker.xml"),
                "-Dgateway.http.port=" + httpPort,
                "-Dhawtio.port=" + hawtioPort,
                "-Dhawtio.war=" + project.resolve("target/lib/hawtio-default.war"),
                "-Dhawtio.jolokia-policy=" + project.resolve("config/jolokia-access.xml"),
                "-Ddb.embedded.port=0",
                "-Dbroker.embedded.port=0",
                "-Dsim.rest-port=0",
                "-Dsim.ws-port=0",
                "-Dkis.secrets-file=",
                "kisgateway.app.GatewayLauncher"));
        Path log = workDir.resolve("gateway.log");
        Process gateway = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> status(http, "http://127.0.0.1:" + httpPort + "/q/health") == 200);
            long readyMs = (System.nanoTime() - started) / 1_000_000;
            // Hawtio starts after the routes; its war takes a second or two to unpack. It needs the operator login
            // in sim mode too: the default run's demo login.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> status(http, "http://127.0.0.1:" + hawtioPort + "/hawtio/") == 200);
            assertThat(Files.isDirectory(workDir.resolve("data/postgres"))).as("persistent data under data/").isTrue();
            assertThat(Files.isDirectory(workDir.resolve("data/artemis/journal"))).isTrue();

            gateway.destroy(); // SIGTERM
            assertThat(gateway.waitFor(40, TimeUnit.SECONDS)).as("the JVM exits after SIGTERM").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("kis-gateway stopped").contains("embedded Artemis stopped")
                    .contains("embedded PostgreSQL stopped").doesNotContain("did not stop cleanly");
            assertThat(output.indexOf("Apache Camel 4.17.0 (kis-gateway) shutdown"))
                    .as("Camel drains before the broker closes")
                    .isLessThan(output.indexOf("embedded Artemis stopped"));
            System.out.println("gateway healthy after " + readyMs + " ms");
        } finally {
            if (gateway.isAlive()) {
                gateway.destroyForcibly();
                System.out.println(Files.readString(log));
            }
        }
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        String demoLogin = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "operator:sim-operator-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                .header("Authorization", demoLogin).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
