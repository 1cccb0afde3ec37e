package kisgateway.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Dockerfile and docker-compose.yml, read as files: what the image is built from and how it and the broker beside
 * it are exposed. The image once lacked the intent schema both intakes validate against (docs/schemas, put on the
 * classpath by the pom, was not copied), defaulted to sim mode while listening on every interface, and the build hid
 * a failing dependency download. ImageBuildTest builds what the image would contain (a Maven build, opt-in).
 */
class ImageContentsTest {

    private static final Path PROJECT = TestConfig.projectDir();

    @Test
    void theBuildStageCopiesEveryDirectoryThePomReads() throws Exception {
        DockerfileBuildStage stage = DockerfileBuildStage.read(PROJECT.resolve("Dockerfile"));
        List<String> missing = new ArrayList<>();
        for (String read : directoriesThePomReads()) {
            if (stage.copiedPaths().stream().noneMatch(copied -> Path.of(read).startsWith(copied))) {
                missing.add(read);
            }
        }
        assertThat(missing).as("read by the pom, not copied by the Dockerfile's build stage (" + stage + ")").isEmpty();
    }

    @Test
    void theImageListensOnEveryInterfaceOnlyInAModeWithLogins() throws Exception {
        var env = DockerfileBuildStage.read(PROJECT.resolve("Dockerfile")).imageEnvironment();
        assertThat(env).containsKey("KIS_MODE");
        assertThat(env.get("KIS_MODE")).as("the image's mode").isIn("paper", "live");
    }

    @Test
    void noBuildStepHidesItsFailure() throws Exception {
        assertThat(DockerfileBuildStage.read(PROJECT.resolve("Dockerfile")).runCommands())
                .allSatisfy(run -> assertThat(run).doesNotContainPattern("\\|\\|\\s*(true|:)\\b"));
    }

    @Test
    void theBrokersConsoleListensOnItsContainersLoopbackWithJolokiasChecksOn() throws Exception {
        JsonNode compose = new YAMLMapper().readTree(PROJECT.resolve("docker-compose.yml").toFile());
        String args = compose.path("services").path("artemis").path("environment").path("EXTRA_ARGS").asText();
        assertThat(args).as("artemis EXTRA_ARGS (the image's default is every interface and a relaxed Jolokia)")
                .isNotBlank().doesNotContain("--relax-jolokia").containsPattern("--http-host\\s+127\\.0\\.0\\.1\\b");
    }

    /** The pom's own build: sources, resources and test resources (profiles, such as bench, are not the image's). */
    static List<String> directoriesThePomReads() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile());
        Element build = child(pom.getDocumentElement(), "build");
        List<String> dirs = new ArrayList<>(List.of("pom.xml",
                textOr(child(build, "sourceDirectory"), "src/main/java"),
                textOr(child(build, "testSourceDirectory"), "src/test/java")));
        for (String[] kind : new String[][] {{"resources", "resource"}, {"testResources", "testResource"}}) {
            Element list = child(build, kind[0]);
            NodeList entries = list == null ? null : list.getElementsByTagName(kind[1]);
            for (int i = 0; entries != null && i < entries.getLength(); i++) {
                dirs.add(child((Element) entries.item(i), "directory").getTextContent().trim());
            }
        }
        return dirs;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String textOr(Element e, String fallback) {
        return e == null ? fallback : e.getTextContent().trim();
    }
}
