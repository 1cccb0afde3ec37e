package kisgateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strategy's tick subscription request, as sent over JMS or REST: {@code {"action": "SUBSCRIBE" | "UNSUBSCRIBE",
 * "subscriber": "...", "symbols": ["005930", ...], "strategyId": "..."}} ({@code strategyId} optional: the caller's
 * credentials say which strategy it is; a request that names another is refused). SUBSCRIBE leases the symbols for the subscriber, or renews the
 * leases it holds; UNSUBSCRIBE gives them up at once. Checked exactly as sent (nothing trimmed, no unknown field):
 * a request that is not is refused with the reason.
 */
public record TickRequest(Action action, String subscriber, List<String> symbols, String strategyId) {

    public enum Action { SUBSCRIBE, UNSUBSCRIBE }

    /** The intent schema's symbol: a KRX short code, or an ETN's Q code. */
    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6}|Q[0-9A-Z]{6}");
    private static final Pattern SUBSCRIBER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> FIELDS = Set.of("action", "subscriber", "symbols", "strategyId");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that cannot be taken as sent; the message says why. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String reason) {
            super(reason);
        }
    }

    /** @param maxSymbols the most symbols one request may name (the session's registrations for trades) */
    public static TickRequest parse(String json, int maxSymbols) {
        JsonNode root;
        try {
            root = json == null ? null : JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new Invalid("the request is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("the request must be a JSON object {\"action\", \"subscriber\", \"symbols\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid("unknown field " + quoted(name) + ": a request has action, subscriber, symbols and "
                        + "strategyId");
            }
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual()
                || !(action.asText().equals("SUBSCRIBE") || action.asText().equals("UNSUBSCRIBE"))) {
            throw new Invalid("action must be SUBSCRIBE or UNSUBSCRIBE");
        }
        JsonNode subscriber = root.get("subscriber");
        if (subscriber == null || !subscriber.isTextual() || !SUBSCRIBER.matcher(subscriber.asText()).matches()) {
            throw new Invalid("subscriber must be 1 to 64 of A-Z a-z 0-9 . _ - (it names this subscriber's leases "
                    + "within its strategy)");
        }
        JsonNode symbols = root.get("symbols");
        if (symbols == null || !symbols.isArray() || symbols.isEmpty()) {
            throw new Invalid("symbols must be a non-empty array of KRX short codes, e.g. [\"005930\"]");
        }
        if (symbols.size() > maxSymbols) {
            throw new Invalid("symbols names " + symbols.size() + " symbols; at most " + maxSymbols
                    + " (the realtime registrations a session has for trades)");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode symbol : symbols) {
            if (!symbol.isTextual() || !SYMBOL.matcher(symbol.asText()).matches()) {
                throw new Invalid("symbol " + quoted(symbol.toString()) + " is not a KRX short code (6 of 0-9 A-Z,"
                        + " or Q and 6)");
            }
            if (!seen.add(symbol.asText())) {
                throw new Invalid("symbol " + symbol.asText() + " is named twice");
            }
        }
        JsonNode strategy = root.get("strategyId");
        if (strategy != null && (!strategy.isTextual() || !SUBSCRIBER.matcher(strategy.asText()).matches())) {
            throw new Invalid("strategyId must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        return new TickRequest(Action.valueOf(action.asText()), subscriber.asText(), new ArrayList<>(seen),
                strategy == null ? null : strategy.asText());
    }

    /** At most 64 characters of what was sent, control characters escaped: a reason never carries raw input. */
    private static String quoted(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder out = new StringBuilder("'");
        cut.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }
}
