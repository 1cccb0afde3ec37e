package kisgateway.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a decision rests on: the local and the broker values, as text (decimals plain, times in KST), in key
 * order so that the same inputs always give the same evidence.
 */
public record Evidence(SortedMap<String, String> local, SortedMap<String, String> broker) {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    public Evidence {
        local = Collections.unmodifiableSortedMap(new TreeMap<>(local));
        broker = Collections.unmodifiableSortedMap(new TreeMap<>(broker));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Both sides' entries; where a key is on both, this one's value stays. */
    public Evidence merge(Evidence other) {
        TreeMap<String, String> l = new TreeMap<>(other.local);
        l.putAll(local);
        TreeMap<String, String> b = new TreeMap<>(other.broker);
        b.putAll(broker);
        return new Evidence(l, b);
    }

    /** The text a value is shown as: decimals plain, instants as KST offset date-times, null as "none". */
    public static String text(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Instant i) {
            return i.atZone(KST).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return value.toString();
    }

    public static final class Builder {
        private final TreeMap<String, String> local = new TreeMap<>();
        private final TreeMap<String, String> broker = new TreeMap<>();

        public Builder local(String key, Object value) {
            local.put(key, text(value));
            return this;
        }

        public Builder broker(String key, Object value) {
            broker.put(key, text(value));
            return this;
        }

        public Builder localAll(Map<String, String> entries) {
            local.putAll(entries);
            return this;
        }

        public Builder brokerAll(Map<String, String> entries) {
            broker.putAll(entries);
            return this;
        }

        public Evidence build() {
            return new Evidence(local, broker);
        }
    }
}
