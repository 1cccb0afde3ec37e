package kisgateway.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code risk.*} keys of the gateway's configuration, with typed readers. It remembers which keys were read, so
 * that {@link #requireAllRead()} can reject a misspelt key: a typo must not silently leave a default limit in force.
 * Values are trimmed; an empty value counts as absent (the default applies).
 */
public final class RiskProperties {

    public static final String PREFIX = "risk.";

    private final Map<String, String> values = new TreeMap<>();
    private final Set<String> read = new HashSet<>();

    public RiskProperties(Map<String, String> properties) {
        properties.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && v != null && !v.isBlank()) {
                values.put(k, v.trim());
            }
        });
    }

    public String string(String key, String defaultValue) {
        read.add(key);
        return values.getOrDefault(key, defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    public long positiveLong(String key, long defaultValue) {
        long v = longValue(key, defaultValue);
        if (v <= 0) {
            throw invalid(key, String.valueOf(v), "a number > 0");
        }
        return v;
    }

    public int positiveInt(String key, int defaultValue) {
        long v = positiveLong(key, defaultValue);
        if (v > Integer.MAX_VALUE) {
            throw invalid(key, String.valueOf(v), "a number <= " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    public BigDecimal positiveDecimal(String key, BigDecimal defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a decimal number");
        }
        if (d.signum() <= 0) {
            throw invalid(key, v, "a number > 0");
        }
        return d;
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw invalid(key, v, "true or false");
    }

    public Duration positiveSeconds(String key, long defaultSeconds) {
        return Duration.ofSeconds(positiveLong(key, defaultSeconds));
    }

    /** A comma-separated list; blanks dropped. */
    public List<String> list(String key, String defaultValue) {
        String v = string(key, defaultValue);
        if (v == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    /** The keys present under a prefix (for per-account overrides); reading them is up to the caller. */
    public Set<String> keysUnder(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Every key some reader asked for, present or not (to prove the documented defaults complete). */
    public Set<String> keysRead() {
        return Set.copyOf(read);
    }

    /** Fails when a {@code risk.*} key is present that no settings record read. */
    public void requireAllRead() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown risk configuration keys (misspelt?): " + unknown);
        }
    }

    public static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(key + " = '" + value + "': expected " + expected);
    }
}
