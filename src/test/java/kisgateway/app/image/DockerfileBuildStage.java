package kisgateway.app.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Dockerfile's first stage builds from, read from the Dockerfile itself: the paths its COPY instructions take
 * from the build context, the Maven command that makes the jar, and the final stage's environment.
 */
record DockerfileBuildStage(List<String> copiedPaths, List<String> mavenPackageCommand, List<String> runCommands,
                            Map<String, String> imageEnvironment) {

    static DockerfileBuildStage read(Path dockerfile) throws IOException {
        List<String> instructions = instructions(Files.readAllLines(dockerfile));
        List<String> copied = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        List<String> packageCommand = null;
        Map<String, String> env = new TreeMap<>();
        int stage = 0;
        for (String instruction : instructions) {
            String[] words = instruction.trim().split("\\s+");
            String keyword = words[0].toUpperCase(java.util.Locale.ROOT);
            switch (keyword) {
                case "FROM" -> {
                    stage++;
                    env.clear();
                }
                case "COPY" -> {
                    if (stage == 1) {
                        copied.add(copiedPath(instruction, words));
                    }
                }
                case "RUN" -> {
                    String command = instruction.trim().substring(3).trim();
                    runs.add(command);
                    if (stage == 1 && command.startsWith("mvn ") && command.contains(" package")) {
                        packageCommand = List.of(command.split("\\s+"));
                    }
                }
                case "ENV" -> env.putAll(environment(instruction.trim().substring(3).trim()));
                default -> {
                }
            }
        }
        if (packageCommand == null) {
            throw new IllegalStateException(dockerfile + ": no 'RUN mvn ... package' in the build stage");
        }
        return new DockerfileBuildStage(copied, packageCommand, runs, env);
    }

    /**
     * COPY SRC DEST, relative to WORKDIR. Only copies that keep the context's path are read ({@code COPY pom.xml .},
     * {@code COPY src ./src}): the build directory is then the context's own layout, which the pom assumes.
     */
    private static String copiedPath(String instruction, String[] words) {
        if (words.length != 3 || words[1].startsWith("--")) {
            throw new IllegalStateException("a COPY of the build stage this test does not read: " + instruction);
        }
        String source = words[1];
        String target = words[2];
        String kept = target.equals(".") || target.equals("./") ? Path.of(source).getFileName().toString()
                : target.startsWith("./") ? target.substring(2) : target;
        if (!Path.of(kept).normalize().equals(Path.of(source).normalize())) {
            throw new IllegalStateException("a COPY that moves " + source + " to " + target + ": " + instruction);
        }
        return Path.of(source).normalize().toString();
    }

    /** ENV K=V K2="V 2" ... */
    private static Map<String, String> environment(String assignments) {
        Map<String, String> env = new TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)")
                .matcher(assignments);
        while (m.find()) {
            String value = m.group(2);
            env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return env;
    }

    /** Comment lines dropped, continuation lines joined. */
    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.trim().startsWith("#") || (current.isEmpty() && line.isBlank())) {
                continue;
            }
            String trimmed = line.stripTrailing();
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }

    List<String> packageCommandOffline() {
        List<String> command = new ArrayList<>(mavenPackageCommand);
        command.add(1, "-o");
        return command;
    }

    @Override
    public String toString() {
        return "COPY " + copiedPaths + ", " + String.join(" ", mavenPackageCommand) + ", ENV " + imageEnvironment
                + ", RUN " + Arrays.toString(runCommands.toArray());
    }
}
