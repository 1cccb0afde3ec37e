package kisgateway.risk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one check found wrong with an order: the rule and the values that made it fire (limit, actual, ...), as
 * strings so that amounts keep their exact decimal form in events and alerts.
 */
public record Finding(RiskRule rule, Map<String, String> values) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A finding with values given as alternating key, value pairs (values formatted by {@link #text}). */
    public static Finding of(RiskRule rule, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(String.valueOf(keysAndValues[i]), text(keysAndValues[i + 1]));
        }
        return new Finding(rule, values);
    }

    /** Amounts without trailing zeros and never in scientific notation ("60000", not "6E+4"); null as "null". */
    public static String text(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
