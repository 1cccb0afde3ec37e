package kisgateway.kis.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import kisgateway.kis.error.KisAmbiguousOutcome;

/**
 * Reads one KIS output object: strict about the fields this gateway uses (missing or unreadable → the answer is
 * unusable, {@link KisAmbiguousOutcome}), silent about all others. KIS sends numbers as strings, zero-padded
 * ("0000000001"), and sometimes blank for zero; field case varies (order acks are UPPERCASE, inquiries lowercase,
 * and the spec spells one {@code excg_id_dvsn_Cd}), so a name is matched exactly first, then ignoring case.
 */
final class ResponseFields {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String what;
    private final JsonNode node;

    ResponseFields(String what, JsonNode node) {
        this.what = what;
        this.node = node;
    }

    /** The object under {@code name} (accepting an array of one, as output2 of inquire-balance is). */
    static ResponseFields object(String what, JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value != null && value.isArray()) {
            value = value.size() > 0 ? value.get(0) : null;
        }
        if (value == null || !value.isObject()) {
            throw missing(what, name);
        }
        return new ResponseFields(what, value);
    }

    /** Each object of the array under {@code name}; absent or empty means no rows. */
    static List<ResponseFields> rows(String what, JsonNode body, String name) {
        JsonNode value = body.get(name);
        List<ResponseFields> rows = new ArrayList<>();
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return rows;
        }
        if (value.isObject()) {
            rows.add(new ResponseFields(what, value));
            return rows;
        }
        if (!value.isArray()) {
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.UNPARSABLE_BODY, what, 200, name + " is not a list",
                    null);
        }
        for (JsonNode row : value) {
            rows.add(new ResponseFields(what, row));
        }
        return rows;
    }

    String text(String name) {
        JsonNode value = find(name);
        if (value == null || value.isNull()) {
            throw missing(what, name);
        }
        return value.asText();
    }

    /** A required identifier: present and not blank. */
    String identifier(String name) {
        String value = text(name).strip();
        if (value.isEmpty()) {
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.MISSING_FIELD, what, 200, name + " is blank", null);
        }
        return value;
    }

    String optionalText(String name, String fallback) {
        JsonNode value = find(name);
        return value == null || value.isNull() ? fallback : value.asText().strip();
    }

    /** Blank is zero: KIS leaves unused amounts empty rather than "0". */
    BigDecimal decimal(String name) {
        String value = text(name).strip();
        if (value.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw unreadable(name);
        }
    }

    long quantity(String name) {
        try {
            return decimal(name).longValueExact();
        } catch (ArithmeticException e) {
            throw unreadable(name);
        }
    }

    long optionalQuantity(String name, long fallback) {
        return find(name) == null ? fallback : quantity(name);
    }

    LocalDate date(String name) {
        try {
            return LocalDate.parse(text(name).strip(), DATE);
        } catch (DateTimeParseException e) {
            throw unreadable(name);
        }
    }

    /** HHMMSS (ORD_TMD, ord_tmd). */
    LocalTime time(String name) {
        String value = text(name).strip();
        if (value.length() != 6 || !value.chars().allMatch(Character::isDigit)) {
            throw unreadable(name);
        }
        try {
            return LocalTime.of(Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(2, 4)),
                    Integer.parseInt(value.substring(4, 6)));
        } catch (java.time.DateTimeException e) {
            throw unreadable(name);
        }
    }

    private JsonNode find(String name) {
        JsonNode value = node.get(name);
        if (value != null) {
            return value;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.toLowerCase(Locale.ROOT).equals(lower)) {
                return node.get(candidate);
            }
        }
        return null;
    }

    private KisAmbiguousOutcome unreadable(String name) {
        return new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.UNPARSABLE_BODY, what, 200, name + " is unreadable",
                null);
    }

    static KisAmbiguousOutcome missing(String what, String name) {
        return new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.MISSING_FIELD, what, 200, "no " + name, null);
    }
}
