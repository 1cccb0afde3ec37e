package kisgateway.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The gateway's resolved configuration: every layer applied, every {@code {{placeholder}}} resolved.
 * Immutable. Secret values are kept here for the beans that need them and are never handed to Camel's
 * property component (see {@link #withoutSecrets()}), so they cannot surface in Camel's startup summary,
 * its dev consoles or JMX.
 */
public final class GatewayConfig {

    /** Keys whose values are secrets: credentials of KIS accounts and of infrastructure. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(app-key|app-secret|appkey|appsecret|secret|password|passwd|hts-id|\\.cano|api-key|access-token)$");

    private final Map<String, String> values;
    private final Path configDir;

    GatewayConfig(Map<String, String> values, Path configDir) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.configDir = configDir;
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** The directory the base configuration was read from (normally {@code config/}). */
    public Path configDir() {
        return configDir;
    }

    public String mode() {
        return require("kis.mode");
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException("missing configuration value '" + key + "'");
        }
        return v.trim();
    }

    /**
     * A value exactly as its layer gave it, surrounding whitespace included, or null. For a password: an
     * environment variable keeps a leading or trailing space, and trimming it would refuse the real password.
     */
    public String exact(String key) {
        return values.get(key);
    }

    public String string(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public int integer(String key) {
        String v = require(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("configuration value '" + key + "' is not an integer: " + display(key));
        }
    }

    public long longValue(String key) {
        String v = require(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("configuration value '" + key + "' is not an integer: " + display(key));
        }
    }

    public double decimal(String key) {
        String v = require(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("configuration value '" + key + "' is not a number: " + display(key));
        }
    }

    public boolean bool(String key) {
        String v = require(key);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigurationException("configuration value '" + key + "' is not true/false: " + display(key));
    }

    public Duration millis(String key) {
        return Duration.ofMillis(longValue(key));
    }

    public Path path(String key) {
        return Path.of(require(key));
    }

    public List<String> list(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Every key under a prefix, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** The configuration as Camel may see it: secret keys left out. */
    public Properties withoutSecrets() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!isSecretKey(k)) {
                p.setProperty(k, UrlCredentials.redact(v));
            }
        });
        return p;
    }

    /** Values of every secret key, for the log masker. */
    public List<String> secretValues() {
        List<String> secrets = new java.util.ArrayList<>();
        values.forEach((k, v) -> {
            if (isSecretKey(k)) {
                secrets.add(v);
            } else {
                // a password inside a URL (db.url) is as secret as db.password
                secrets.addAll(UrlCredentials.passwords(v));
            }
        });
        return secrets.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    /** A copy with some values replaced; used where the runtime learns a value (a random port, say). */
    public GatewayConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.putAll(overrides);
        return new GatewayConfig(copy, configDir);
    }

    private String display(String key) {
        return isSecretKey(key) ? "****" : "'" + UrlCredentials.redact(values.get(key)) + "'";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GatewayConfig{");
        values.forEach((k, v) -> sb.append(k).append('=').append(isSecretKey(k) ? "****" : UrlCredentials.redact(v)).append(", "));
        return sb.append('}').toString();
    }
}
