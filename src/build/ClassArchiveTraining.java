import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the gateway's application class-data archive (AppCDS) at package time: starts the packaged jar on its
 * embedded defaults with {@code -XX:ArchiveClassesAtExit}, waits for the first healthy {@code /q/health}, stops it
 * (SIGTERM), and the JVM writes the classes the start loaded into the archive as it exits. Started with
 * {@code -XX:SharedArchiveFile=<archive>}, the gateway then maps them instead of loading and verifying them again:
 * a faster start and less resident memory (bench/README.md, start and memory).
 *
 * <p>Run by {@code mvn -DskipTests package} (the README's first command; pom.xml, profile class-archive) as a
 * single-file Java program: {@code java src/build/ClassArchiveTraining.java <jar> <archive> <project dir>}. It never
 * fails the build: without an archive the gateway starts as before (the JVM ignores a missing or stale one). The
 * training run is the sim run on free ports, in a temporary directory, with none of the caller's KIS settings.
 */
public final class ClassArchiveTraining {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        Path project = Path.of(args[2]).toAbsolutePath();
        Files.deleteIfExists(archive);
        Path work = Files.createTempDirectory("kis-gateway-class-archive-");
        Path log = archive.resolveSibling("class-archive-training.log");
        try {
            String outcome = train(jar, archive, project, work, log);
            System.out.println("[class archive] " + outcome);
        } catch (Exception e) {
            // an archive of a start that failed is no better than none
            Files.deleteIfExists(archive);
            System.out.println("[class archive] not made (" + e + "); the gateway starts without it. See " + log);
        } finally {
            delete(work);
        }
    }

    private static String train(Path jar, Path archive, Path project, Path work, Path log) throws Exception {
        // as the README runs it: from a directory with config/ and routes/ (copies: the route scanner does not
        // follow a link), its data/ and reports/ made there
        copy(project.resolve("config"), work.resolve("config"));
        copy(project.resolve("routes"), work.resolve("routes"));
        int http = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dkis.mode=sim",
                "-Dcamel.main.routes-reload-enabled=false",
                "-Dgateway.http.port=" + http,
                "-Dhawtio.port=" + freePort(),
                "-Dbroker.embedded.port=" + freePort(),
                "-Ddb.embedded.port=" + freePort(),
                "-Dsim.rest-port=" + freePort(),
                "-Dsim.ws-port=" + freePort(),
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the caller's KIS_*, DB_*, BROKER_* ... must not turn the training into a run against anything real
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> !List.of("PATH", "HOME", "LANG", "TMPDIR", "JAVA_HOME").contains(k));
        long started = System.nanoTime();
        Process gateway = builder.start();
        try {
            awaitHealthy(gateway, http);
            long healthyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            gateway.destroy();
            if (!gateway.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training run did not stop within " + EXIT_WITHIN);
            }
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the JVM wrote no archive (exit " + gateway.exitValue() + ")");
            }
            return "made " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MiB; the training run was"
                    + " healthy after " + healthyMs + " ms)";
        } finally {
            if (gateway.isAlive()) {
                // a stop, not a kill: the gateway stops its PostgreSQL, which runs detached from it
                gateway.destroy();
                if (!gateway.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }
    }

    private static void awaitHealthy(Process gateway, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the training run exited with " + gateway.exitValue());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the training run was not healthy within " + HEALTHY_WITHIN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
