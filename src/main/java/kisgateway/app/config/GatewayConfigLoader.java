package kisgateway.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configuration layers, later wins:
 * <ol>
 *   <li>{@code <base>/application.properties}, then {@code <base>/application-<mode>.properties};</li>
 *   <li>the same two files in the {@code --config DIR} directory, if given;</li>
 *   <li>the secrets file named by {@code kis.secrets-file} (outside the repository), if it exists;</li>
 *   <li>environment variables ({@code kis.app-key} is {@code KIS_APP_KEY});</li>
 *   <li>JVM system properties.</li>
 * </ol>
 * The mode ({@code kis.mode}) is itself taken from the highest layer that sets it before the profile files
 * are read. {@code {{key}}}, {@code {{env:NAME}}} and {@code {{env:NAME:default}}} references are resolved the
 * way Camel's property component resolves them, so Java beans and routes read the same values.
 */
public final class GatewayConfigLoader {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final List<String> ACCOUNT_FIELDS = List.of("app-key", "app-secret", "hts-id", "cano", "product-code");
    private static final List<String> STRATEGY_FIELDS = List.of("accounts", "api-key-sha256", "broker-user");
    private static final Set<String> MODES = Set.of("sim", "paper", "live");

    private final Map<String, String> environment;
    private final Properties systemProperties;

    public GatewayConfigLoader(Map<String, String> environment, Properties systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static GatewayConfigLoader fromProcess() {
        return new GatewayConfigLoader(System.getenv(), System.getProperties());
    }

    public GatewayConfig load(Path baseDir, Optional<Path> overrideDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(base.resolve("application.properties"))) {
            throw new ConfigurationException("no application.properties in " + base);
        }
        overrideDir.ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException("--config " + dir + " is not a directory");
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        readWithIncludes(values, base, "application.properties", true);
        overrideDir.ifPresent(dir -> readWithIncludes(values, dir, "application.properties", false));

        String mode = outerValue("kis.mode").orElse(values.getOrDefault("kis.mode", "sim")).trim();
        if (!MODES.contains(mode)) {
            throw new ConfigurationException("kis.mode must be sim, paper or live, not '" + mode + "'");
        }
        readInto(values, base.resolve("application-" + mode + ".properties"), false);
        overrideDir.ifPresent(dir -> readInto(values, dir.resolve("application-" + mode + ".properties"), false));
        values.put("kis.mode", mode);

        String secretsFile = outerValue("kis.secrets-file").orElse(values.get("kis.secrets-file"));
        if (secretsFile != null && !secretsFile.isBlank()) {
            Path secrets = Path.of(resolve(secretsFile, values, 0));
            if (Files.isRegularFile(secrets)) {
                // the group counts too: on a shared host a login group holds every user, and this is real money
                OwnerOnlyFile.refuseReadableByOthers(secrets, "secrets file");
                readInto(values, secrets, false);
            }
        }

        if (mode.equals("live")) {
            refuseSecretSystemProperties(values);
        }
        applyOuterLayers(values);
        Map<String, String> resolved = new LinkedHashMap<>();
        values.forEach((k, v) -> resolved.put(k, resolve(v, values, 0)));
        return new GatewayConfig(resolved, base);
    }

    /** Environment and system properties override every key the files know, and the per-account and per-strategy keys. */
    private void applyOuterLayers(Map<String, String> values) {
        Set<String> keys = new java.util.LinkedHashSet<>(values.keySet());
        String accounts = outerValue("kis.accounts").orElse(values.getOrDefault("kis.accounts", ""));
        for (String alias : accounts.split(",")) {
            if (!alias.isBlank()) {
                ACCOUNT_FIELDS.forEach(f -> keys.add("kis.account." + alias.trim() + "." + f));
                // an account's first rollout phase (ROLLOUT_ACCOUNT_<ALIAS>_PHASE), live mode requires one
                keys.add("rollout.account." + alias.trim() + ".phase");
            }
        }
        // a deployment configured by its environment (docker-compose) names its strategies there too
        String strategies = outerValue("gateway.strategies").orElse(values.getOrDefault("gateway.strategies", ""));
        for (String id : strategies.split(",")) {
            if (!id.isBlank()) {
                STRATEGY_FIELDS.forEach(f -> keys.add("gateway.strategy." + id.trim() + "." + f));
                for (String alias : accounts.split(",")) {
                    if (!alias.isBlank()) {
                        keys.add("rollout.account." + alias.trim() + ".strategy." + id.trim() + ".phase");
                    }
                }
            }
        }
        for (String key : keys) {
            outerValue(key).ifPresent(v -> values.put(key, v));
        }
        // -D keys the files do not know are still configuration (tests and operators use them): among them the
        // per-account risk limits (risk.limits.account.<alias>.*) and rollout phases, which no file names in advance
        for (String name : systemProperties.stringPropertyNames()) {
            if (isConfigurationKey(name)) {
                values.put(name, systemProperties.getProperty(name));
            }
        }
    }

    private static boolean isConfigurationKey(String name) {
        return name.startsWith("kis.") || name.startsWith("gateway.") || name.startsWith("broker.")
                || name.startsWith("db.") || name.startsWith("sim.") || name.startsWith("hawtio.")
                || name.startsWith("camel.") || name.startsWith("deadletter.") || name.startsWith("risk.")
                || name.startsWith("rollout.");
    }

    /**
     * A -D is on the command line, and a command line is readable by every user of the machine (ps,
     * /proc/&lt;pid&gt;/cmdline) and lands in service managers' logs. Real money's credentials come from the
     * environment or the secrets file only; sim and paper keep -D for tests and trials.
     */
    private void refuseSecretSystemProperties(Map<String, String> values) {
        for (String name : systemProperties.stringPropertyNames()) {
            if (GatewayConfig.isSecretKey(name) && (values.containsKey(name) || isConfigurationKey(name))) {
                throw new ConfigurationException("secret '" + name + "' given as a -D system property; in live mode set it"
                        + " in the environment (" + environmentName(name) + ") or the secrets file (kis.secrets-file)");
            }
            if (isConfigurationKey(name) && !UrlCredentials.passwords(systemProperties.getProperty(name)).isEmpty()) {
                throw new ConfigurationException("'" + name + "' given as a -D system property carries a password; in"
                        + " live mode set it in the environment (" + environmentName(name) + ") or the secrets file");
            }
        }
    }

    private Optional<String> outerValue(String key) {
        String sys = systemProperties.getProperty(key);
        if (sys != null) {
            return Optional.of(sys);
        }
        return Optional.ofNullable(environment.get(environmentName(key)));
    }

    /** {@code kis.account.main.app-key} is read from {@code KIS_ACCOUNT_MAIN_APP_KEY}. */
    public static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private String resolve(String value, Map<String, String> values, int depth) {
        if (value == null || !value.contains("{{")) {
            return value;
        }
        if (depth > 10) {
            throw new ConfigurationException("configuration placeholders nest too deep (a cycle?) near '" + value + "'");
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1).trim(), values, depth)));
        }
        m.appendTail(out);
        return resolve(out.toString(), values, depth + 1);
    }

    private String lookup(String expression, Map<String, String> values, int depth) {
        String name = expression;
        String fallback = null;
        String source = "key";
        if (expression.startsWith("env:") || expression.startsWith("sys:")) {
            source = expression.substring(0, 3);
            name = expression.substring(4);
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            fallback = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        String found = switch (source) {
            case "env" -> environment.get(name);
            case "sys" -> systemProperties.getProperty(name);
            default -> values.containsKey(name) ? resolve(values.get(name), values, depth + 1) : null;
        };
        if (found == null) {
            if (fallback != null) {
                return fallback;
            }
            throw new ConfigurationException("configuration refers to {{" + expression + "}}, which is not set");
        }
        return found;
    }

    /**
     * Reads a file and, right after it, the files its {@code config.include} names (comma-separated, beside it):
     * long sections such as the risk limits live in files of their own and are still one configuration.
     */
    private static void readWithIncludes(Map<String, String> values, Path dir, String name, boolean required) {
        Map<String, String> own = new LinkedHashMap<>();
        readInto(own, dir.resolve(name), required);
        String includes = own.remove("config.include");
        values.putAll(own);
        if (includes != null) {
            for (String include : includes.split(",")) {
                if (!include.isBlank()) {
                    readInto(values, dir.resolve(include.trim()), true);
                }
            }
        }
    }

    private static void readInto(Map<String, String> values, Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new ConfigurationException("configuration file " + file + " not found");
            }
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file, e);
        }
        for (String name : p.stringPropertyNames()) {
            values.put(name, p.getProperty(name).trim());
        }
    }
}
