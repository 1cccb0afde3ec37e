package kisgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The code and docs cite only what a clone of the repository holds: design and protocol facts are in
 * docs/architecture.md, cited by a section anchor that must exist there. The old notes (a design page and a KIS
 * reference kept outside the repository, with numbered sections) are gone from every file.
 */
class ArchitectureCitationsTest {

    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");
    private static final List<Path> SCANNED = List.of(Path.of("src"), Path.of("config"), Path.of("docs"),
            Path.of("routes"), Path.of("bench"), Path.of("README.md"));

    // spelled in parts so that this file does not cite what it forbids
    private static final Pattern OUTSIDE_FILE = Pattern.compile(
            "\\bdesign" + "\\.md\\b|kis-api-" + "reference", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED_SECTION = Pattern.compile(
            "\\b(?:reference|design|spec)\\b[^\\n\u00a7]{0,12}\u00a7", Pattern.CASE_INSENSITIVE);
    private static final Pattern CITED_ANCHOR = Pattern.compile("architecture\\.md#([\\p{L}\\p{N}_-]+)");
    private static final Pattern LOCAL_ANCHOR = Pattern.compile("\\]\\(#([\\p{L}\\p{N}_-]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    @Test
    void nothingCitesAFileOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        textFiles().forEach(file -> {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE_FILE.matcher(lines[i]).find() || NUMBERED_SECTION.matcher(lines[i]).find()) {
                    found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        });
        assertThat(found).as("citations of notes outside the repository; cite docs/architecture.md#<section>")
                .isEmpty();
    }

    @Test
    void everyCitedSectionOfTheArchitectureExists() {
        Set<String> anchors = headingAnchors(read(ARCHITECTURE));
        List<String> missing = new ArrayList<>();
        textFiles().forEach(file -> {
            String text = read(file);
            collect(CITED_ANCHOR, text, file, anchors, missing);
            if (file.normalize().equals(ARCHITECTURE)) {
                collect(LOCAL_ANCHOR, text, file, anchors, missing);
            }
        });
        assertThat(missing).as("anchors cited but not headings of docs/architecture.md " + anchors).isEmpty();
    }

    @Test
    void headingAnchorsAreTheOnesGitHubMakes() {
        assertThat(headingAnchors("## Protocol facts\n### Camel 4.17.0 and its pins\n## Order state machine\n"))
                .containsExactlyInAnyOrder("protocol-facts", "camel-4170-and-its-pins", "order-state-machine");
    }

    private static void collect(Pattern pattern, String text, Path file, Set<String> anchors, List<String> missing) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (!anchors.contains(m.group(1))) {
                missing.add(file + ": #" + m.group(1));
            }
        }
    }

    /** GitHub's rule: lower case, punctuation dropped, each space a hyphen. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        boolean inFence = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            Matcher m = HEADING.matcher(line);
            if (!inFence && m.matches()) {
                anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        for (Path root : SCANNED) {
            assertThat(root).as("run from the repository root").exists();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(ArchitectureCitationsTest::isText).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static boolean isText(Path file) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
