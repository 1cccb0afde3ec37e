package kisgateway.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The {@code algorithm} object of a PARENT intent (docs/schemas/order-intent.schema.json), validated against the
 * gateway's limits ({@code parent-orders.*}): an out-of-range parameter is refused with its reason, before any
 * parent exists, so no child is ever sent for it.
 */
public final class ParentIntentParser {

    private static final Set<String> FIELDS = Set.of("type", "start", "end", "durationSeconds", "slices",
            "intervalSeconds", "targetPercent", "maxChildQuantity");

    private final Limits limits;

    /**
     * @param maxSlices      most children a TWAP schedule may plan
     * @param minInterval    shortest time between two TWAP slices
     * @param maxWindow      longest window of a parent
     * @param maxPovPercent  highest share of the market's volume a POV may target (%)
     */
    public record Limits(int maxSlices, Duration minInterval, Duration maxWindow, BigDecimal maxPovPercent) {
        public Limits {
            if (maxSlices < 1 || minInterval.isNegative() || minInterval.isZero() || maxWindow.compareTo(minInterval) < 0
                    || maxPovPercent.signum() <= 0 || maxPovPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("parent-orders limits: max-slices >= 1, min-interval-ms > 0, "
                        + "max-window-ms >= min-interval-ms, 0 < max-pov-percent <= 100");
            }
        }
    }

    public ParentIntentParser(Limits limits) {
        this.limits = limits;
    }

    /** @param child the children's order (its quantity is the parent's), as parsed from the same intent */
    public ParentIntent parse(JsonNode node, OrderIntent child) {
        JsonNode a = node.get("algorithm");
        if (a == null || a.isNull()) {
            throw new InvalidIntentException("algorithm is required for a PARENT intent");
        }
        if (!a.isObject()) {
            throw new InvalidIntentException("algorithm must be an object, not " + a.getNodeType());
        }
        a.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new InvalidIntentException("algorithm." + IntentParser.shown(f) + " is not a parameter; known: "
                        + new java.util.TreeSet<>(FIELDS));
            }
        });
        AlgorithmKind kind = kind(a);
        Instant now = child.receivedAt();
        Instant start = optionalTime(a, "start");
        start = start == null || start.isBefore(now) ? now : start;
        Instant end = end(a, start);
        if (!end.isAfter(start)) {
            throw new InvalidIntentException("algorithm.end must be after its start (" + start + "), not " + end);
        }
        Duration window = Duration.between(start, end);
        if (window.compareTo(limits.maxWindow()) > 0) {
            throw new InvalidIntentException("algorithm window of " + window.toSeconds() + " s is above the limit of "
                    + limits.maxWindow().toSeconds() + " s");
        }
        long maxChild = whole(a, "maxChildQuantity", 0, child.quantity(), "shares");
        return switch (kind) {
            case TWAP -> twap(a, child, start, end, window);
            case POV -> intent(child, new ParentAlgorithm(kind, start, end, 0, share(a), maxChild));
            case LIMIT_SWEEP -> {
                if (!child.orderType().requiresPrice()) {
                    throw new InvalidIntentException("LIMIT-SWEEP works at a limit: orderType must take a price, not "
                            + child.orderType().code());
                }
                yield intent(child, new ParentAlgorithm(kind, start, end, 0, null, maxChild));
            }
        };
    }

    private ParentIntent twap(JsonNode a, OrderIntent child, Instant start, Instant end, Duration window) {
        boolean bySlices = has(a, "slices");
        boolean byInterval = has(a, "intervalSeconds");
        if (bySlices == byInterval) {
            throw new InvalidIntentException("TWAP takes either algorithm.slices or algorithm.intervalSeconds (one of them)");
        }
        long slices;
        if (bySlices) {
            slices = whole(a, "slices", 1, limits.maxSlices(), "slices");
        } else {
            long seconds = whole(a, "intervalSeconds", 1, limits.maxWindow().toSeconds(), "seconds");
            slices = Math.max(1, window.toSeconds() / seconds);
            if (slices > limits.maxSlices()) {
                throw new InvalidIntentException("algorithm.intervalSeconds " + seconds + " makes " + slices
                        + " slices, above the limit of " + limits.maxSlices());
            }
        }
        if (slices > child.quantity()) {
            throw new InvalidIntentException("TWAP of " + child.quantity() + " shares cannot have " + slices
                    + " slices (at least a share each)");
        }
        Duration interval = window.dividedBy(slices);
        if (interval.compareTo(limits.minInterval()) < 0) {
            throw new InvalidIntentException("TWAP slices " + interval.toMillis() + " ms apart; at least "
                    + limits.minInterval().toMillis() + " ms");
        }
        return intent(child, new ParentAlgorithm(AlgorithmKind.TWAP, start, end, (int) slices, null, 0));
    }

    private BigDecimal share(JsonNode a) {
        JsonNode p = a.get("targetPercent");
        if (p == null || p.isNull()) {
            throw new InvalidIntentException("POV needs algorithm.targetPercent");
        }
        if (!p.isTextual() && !p.isNumber()) {
            throw new InvalidIntentException("algorithm.targetPercent must be a decimal (\"10\"), not " + p.getNodeType());
        }
        BigDecimal percent;
        try {
            percent = new BigDecimal(p.asText());
        } catch (NumberFormatException e) {
            throw new InvalidIntentException("algorithm.targetPercent must be a decimal (\"10\"), not "
                    + IntentParser.shown(p));
        }
        if (percent.signum() <= 0 || percent.compareTo(limits.maxPovPercent()) > 0) {
            throw new InvalidIntentException("algorithm.targetPercent must be above 0 and at most "
                    + limits.maxPovPercent().toPlainString() + ", not " + IntentParser.shown(p));
        }
        if (percent.scale() > 2) {
            throw new InvalidIntentException("algorithm.targetPercent has at most 2 decimals, not " + IntentParser.shown(p));
        }
        return percent.movePointLeft(2);
    }

    private static AlgorithmKind kind(JsonNode a) {
        JsonNode t = a.get("type");
        if (t == null || !t.isTextual()) {
            throw new InvalidIntentException("algorithm.type is required: TWAP, POV or LIMIT-SWEEP");
        }
        for (AlgorithmKind k : AlgorithmKind.values()) {
            if (k.wireName().equals(t.asText())) {
                return k;
            }
        }
        throw new InvalidIntentException("algorithm.type must be TWAP, POV or LIMIT-SWEEP, not '"
                + IntentParser.shown(t.asText()) + "'");
    }

    private Instant end(JsonNode a, Instant start) {
        Instant end = optionalTime(a, "end");
        boolean byDuration = has(a, "durationSeconds");
        if ((end == null) == !byDuration) {
            throw new InvalidIntentException("algorithm takes either end or durationSeconds (one of them)");
        }
        if (end != null) {
            return end;
        }
        return start.plusSeconds(whole(a, "durationSeconds", 1, limits.maxWindow().toSeconds(), "seconds"));
    }

    private static Instant optionalTime(JsonNode a, String field) {
        JsonNode t = a.get(field);
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isTextual()) {
            throw new InvalidIntentException("algorithm." + field + " must be an ISO date-time with offset, not "
                    + t.getNodeType());
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidIntentException("algorithm." + field + " must be an ISO date-time with offset "
                    + "(2026-12-07T09:30:00+09:00), not '" + IntentParser.shown(t.asText()) + "'");
        }
    }

    private static boolean has(JsonNode a, String field) {
        return a.has(field) && !a.get(field).isNull();
    }

    private static long whole(JsonNode a, String field, long min, long max, String unit) {
        JsonNode v = a.get(field);
        if (v == null || v.isNull()) {
            return min;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
            throw new InvalidIntentException("algorithm." + field + " must be a whole number of " + unit + ", not "
                    + IntentParser.shown(v));
        }
        BigDecimal d = v.decimalValue();
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidIntentException("algorithm." + field + " must be " + min + ".." + max + " " + unit
                    + ", not " + IntentParser.shown(v));
        }
        return d.longValueExact();
    }

    private static ParentIntent intent(OrderIntent child, ParentAlgorithm algorithm) {
        return new ParentIntent(child.clientOrderId(), child.account(), child.strategyId(), child.symbol(), child.side(),
                child.quantity(), child.orderType(), child.price(), child.exchange(), algorithm, child.timeToLive(),
                child.receivedAt());
    }
}
