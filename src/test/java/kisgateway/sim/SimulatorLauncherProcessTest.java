package kisgateway.sim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher in its own JVM: prints where it listens with masked credentials, serves, and stops on SIGTERM. */
class SimulatorLauncherProcessTest {

    @Test
    void runsUntilSigtermAndPrintsNoSecrets() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SimulatorLauncher.class.getName(), "--rest-port", "0", "--ws-port", "0", "--env", "paper",
                "--account", "PSLAUNCHKEY:launch-secret-value:launchhts:50000077"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // the banner's lines arrive one by one: wait for the REST line itself, not just for the first of them
            await().atMost(30, TimeUnit.SECONDS).until(() -> lines.stream().anyMatch(l -> l.contains("account"))
                    && lines.stream().anyMatch(l -> l.trim().startsWith("REST") && l.contains("http://")));
            String restLine = lines.stream().filter(l -> l.trim().startsWith("REST")).findFirst().orElseThrow();
            String url = restLine.substring(restLine.indexOf("http://")).trim();
            KisTestClient client = new KisTestClient(url, new SimAccount("PSLAUNCHKEY", "launch-secret-value",
                    "launchhts", "50000077"));
            assertThat(client.issueToken().status()).isEqualTo(200);
            assertThat(lines).anyMatch(l -> l.contains("WebSocket ws://127.0.0.1:"));
            assertThat(lines).anyMatch(l -> l.contains("PSLA****") && l.contains("50000077"));
            assertThat(String.join("\n", lines)).doesNotContain("launch-secret-value").doesNotContain("PSLAUNCHKEY");
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close the pipes we read the goodbye from
            process.toHandle().destroy();
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> lines.stream().anyMatch(l -> l.contains("simulator stopped")));
        assertThat(String.join("\n", lines)).doesNotContain("launch-secret-value");
    }
}
