package kisgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md#package-rules, read from the sources: what each package refers to of
 * the others (imports and fully qualified names alike, comments and strings left out). A new arrow either fits a
 * rule or changes the page and this test together.
 */
class PackageRulesTest {

    private static final Path MAIN = Path.of("src", "main", "java");

    /** Top-level packages and the others they may use; {@code app} may use all, and nothing may use {@code app}. */
    private static final Map<String, Set<String>> TOP = Map.ofEntries(
            Map.entry("kis", Set.of("jdbc")),
            Map.entry("sim", Set.of()),
            Map.entry("jdbc", Set.of()),
            Map.entry("risk", Set.of("jdbc")),
            Map.entry("order", Set.of("kis", "risk", "jdbc")),
            Map.entry("fill", Set.of("kis", "order")),
            Map.entry("reconcile", Set.of("kis", "order", "fill", "risk")),
            Map.entry("ops", Set.of("kis", "order", "risk")),
            Map.entry("market", Set.of("kis")),
            Map.entry("query", Set.of("order")));

    /** Groups inside {@code app} and the groups they may use besides their own (a service may use other services). */
    private static final Map<String, Set<String>> INSIDE_APP = Map.ofEntries(
            Map.entry("app.config", Set.of()),
            Map.entry("app.logging", Set.of()),
            Map.entry("app.broker", Set.of("app.config", "app.logging")),
            Map.entry("app.db", Set.of("app.config", "app.logging")),
            Map.entry("app.simulator", Set.of("app.config", "app.logging")),
            Map.entry("app.console", Set.of("app.config", "app.logging")),
            Map.entry("app.service", Set.of("app.config", "app.logging", "app.broker", "app.db")),
            Map.entry("app.health", Set.of("app.config", "app.logging", "app.broker", "app.db", "app.service")),
            Map.entry("app.routefiles", Set.of("app.config", "app.logging", "app.health")),
            Map.entry("app.adapter", Set.of("app.config", "app.logging", "app.broker", "app.db", "app.console",
                    "app.service")),
            Map.entry("app.wiring", Set.of("app.config", "app.logging", "app.broker", "app.db", "app.simulator",
                    "app.console", "app.service", "app.health", "app.routefiles", "app.adapter")));

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\".*?\"\"\"", Pattern.DOTALL);
    private static final Pattern CHAR = Pattern.compile("'(?:\\\\.|[^'\\\\])'");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern GATEWAY_TYPE = Pattern.compile("\\bkisgateway((?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");

    private record Use(String from, String to, Path file) {
    }

    @Test
    void eachTopLevelPackageUsesOnlyThoseBelowIt() {
        assertThat(broken(PackageRulesTest::top, TOP)).as("uses the package rules do not allow").isEmpty();
    }

    @Test
    void insideAppWiringBuildsAdaptersCallServicesAndNoServiceKnowsAnAdapter() {
        assertThat(broken(PackageRulesTest::appGroup, INSIDE_APP)).as("uses inside app the rules do not allow")
                .isEmpty();
    }

    /**
     * The uses from one group to another that {@code rules} do not allow; a group without a rule is one too. The
     * group {@code app} (start-up, at the top) may use every other; null: not judged by these rules.
     */
    private static Set<String> broken(Function<String, String> groupOf, Map<String, Set<String>> rules) {
        Set<String> broken = new TreeSet<>();
        for (Use use : uses()) {
            String from = groupOf.apply(use.from());
            String to = groupOf.apply(use.to());
            if (from == null || to == null || from.equals(to) || from.equals("app")) {
                continue;
            }
            Set<String> allowed = rules.get(from);
            if (allowed == null) {
                broken.add(use.file() + ": " + from + " has no rule (add it to the page and to this test)");
            } else if (!allowed.contains(to)) {
                broken.add(use.file() + ": " + use.from() + " uses " + use.to());
            }
        }
        return broken;
    }

    @Test
    void onlyAppKnowsCamel() {
        List<String> found = new ArrayList<>();
        javaFiles().forEach(file -> {
            String code = code(file);
            String pkg = packageOf(code, file);
            if (!top(pkg).equals("app") && code.contains("org.apache.camel")) {
                found.add(file.toString());
            }
        });
        assertThat(found).as("plain packages that import Camel").isEmpty();
    }

    @Test
    void theRulesSeeTheArrowsTheyJudge() {
        // a scan that finds nothing would pass every rule: it must see the arrows everyone knows are there
        List<Use> uses = uses();
        assertThat(uses).anySatisfy(u -> {
            assertThat(u.from()).isEqualTo("kisgateway.order");
            assertThat(u.to()).startsWith("kisgateway.kis");
        });
        assertThat(uses).anySatisfy(u -> {
            assertThat(u.from()).startsWith("kisgateway.app.wiring");
            assertThat(u.to()).startsWith("kisgateway.app.service");
        });
    }

    private static List<Use> uses() {
        List<Use> out = new ArrayList<>();
        javaFiles().forEach(file -> {
            String code = code(file);
            String own = packageOf(code, file);
            Matcher m = GATEWAY_TYPE.matcher(code);
            while (m.find()) {
                String target = "kisgateway" + m.group(1);
                if (!target.equals(own)) {
                    out.add(new Use(own, target, MAIN.relativize(file)));
                }
            }
        });
        return out;
    }

    /** {@code order} of {@code kisgateway.order.masscancel}; {@code app} of {@code kisgateway.app.wiring}. */
    private static String top(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The group inside app: {@code app.service} for every service package, the same for adapters; else null. */
    private static String appGroup(String pkg) {
        String[] parts = pkg.split("\\.");
        if (parts.length < 2 || !parts[1].equals("app")) {
            return null;
        }
        return parts.length == 2 ? "app" : "app." + parts[2];
    }

    private static String packageOf(String code, Path file) {
        Matcher m = PACKAGE.matcher(code);
        assertThat(m.find()).as("a package line in %s", file).isTrue();
        return m.group(1);
    }

    /** The source without comments and string literals (a log line naming a class is no dependency). */
    private static String code(Path file) {
        try {
            String s = Files.readString(file);
            s = TEXT_BLOCK.matcher(s).replaceAll("\"\"");
            s = CHAR.matcher(s).replaceAll("' '");
            s = BLOCK_COMMENT.matcher(s).replaceAll(" ");
            s = STRING.matcher(s).replaceAll("\"\"");
            return LINE_COMMENT.matcher(s).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(MAIN.resolve("kisgateway"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
