package kisgateway.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds what the image would contain, without Docker: exactly the paths the Dockerfile's build stage copies, in a
 * directory of their own, and the Dockerfile's own Maven package command there (offline, against this machine's
 * Maven repository); the jar must hold every message contract's schema under schema/, where both intakes look for
 * the intent schema. A Maven build costs about a minute, too much for every run of the suite: run it with
 * {@code mvn -o -B test -Dtest=ImageBuildTest -Dkisgateway.image-build=true}. ImageContentsTest, in every run, checks
 * the cheaper half: that the Dockerfile copies every directory the pom reads.
 */
@EnabledIfSystemProperty(named = "kisgateway.image-build", matches = "true")
class ImageBuildTest {

    private static final Path PROJECT = TestConfig.projectDir();

    @Test
    void theJarBuiltFromWhatTheDockerfileCopiesHoldsTheContractSchemas(@TempDir Path context) throws Exception {
        DockerfileBuildStage stage = DockerfileBuildStage.read(PROJECT.resolve("Dockerfile"));
        for (String path : stage.copiedPaths()) {
            copy(PROJECT.resolve(path), context.resolve(path));
        }
        Path log = context.resolve("build.log");
        Process maven = new ProcessBuilder(stage.packageCommandOffline()).directory(context.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(maven.waitFor(10, TimeUnit.MINUTES)).as("the build ended within 10 minutes").isTrue();
        assertThat(maven.exitValue()).as(String.join(" ", stage.packageCommandOffline()) + "\n" + Files.readString(log))
                .isZero();

        List<String> schemas;
        try (Stream<Path> files = Files.list(PROJECT.resolve("docs/schemas"))) {
            schemas = files.map(p -> "schema/" + p.getFileName()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        assertThat(schemas).contains("schema/order-intent.schema.json");
        try (JarFile jar = new JarFile(context.resolve("target/kis-gateway.jar").toFile())) {
            assertThat(schemas).allSatisfy(name -> assertThat(jar.getEntry(name)).as(name + " in the jar").isNotNull());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
