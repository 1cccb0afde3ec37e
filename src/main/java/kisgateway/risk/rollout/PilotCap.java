package kisgateway.risk.rollout;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kisgateway.risk.RiskRule;

/**
 * The hard caps of the PILOT phase (and, grown, of RAMP). Each has the name it goes by in properties and the API,
 * the rule a denial carries, and its own reading of a value: amounts in KRW and counts must be positive, a symbol
 * list names six-character KRX codes (blank: any symbol). Values are kept as their canonical text.
 */
public enum PilotCap {
    /** One order's value: quantity x limit price (x last price for market-type). KRW. */
    ORDER_NOTIONAL("max-order-notional", RiskRule.PILOT_CAP_ORDER_NOTIONAL, true),
    /** The account's gross exposure with the order (positions at last price plus working buys), as the gate counts it. KRW. */
    DAILY_GROSS_NOTIONAL("max-daily-gross-notional", RiskRule.PILOT_CAP_DAILY_GROSS_NOTIONAL, false),
    /** The account's loss today (realised plus unrealised, as the daily loss cap counts it). KRW. */
    DAILY_LOSS("max-daily-loss", RiskRule.PILOT_CAP_DAILY_LOSS, false),
    /** The symbols the account (or strategy) may open positions in; blank: any. */
    SYMBOLS("symbols", RiskRule.PILOT_CAP_SYMBOLS, true),
    /** The account's orders at or on their way to KIS at once, this one included. */
    OPEN_ORDERS("max-open-orders", RiskRule.PILOT_CAP_OPEN_ORDERS, false),
    /**
     * The most RAMP grows the caps above to, as a factor of them (not a cap of orders itself: the ramp's schedule
     * stops there). Raising it lets more through, so it is raised with four eyes like a cap.
     */
    RAMP_CEILING("ramp-ceiling", null, false);

    /** Above any real account's size: a value this large is a typo, not a cap. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");
    private static final Pattern SYMBOL = Pattern.compile("[0-9A-Z]{6}");

    private final String key;
    private final RiskRule rule;
    private final boolean perStrategy;

    PilotCap(String key, RiskRule rule, boolean perStrategy) {
        this.key = key;
        this.rule = rule;
        this.perStrategy = perStrategy;
    }

    /** As in properties and the API path. */
    public String key() {
        return key;
    }

    /** The rule a denial by this cap carries; null for the ramp ceiling, which denies nothing itself. */
    public RiskRule rule() {
        return rule;
    }

    /**
     * Whether a strategy may have a cap of its own: the per-order ones. The daily and open-order caps count the
     * account's whole book (the gate's existing daily P&amp;L and gross exposure are the account's).
     */
    public boolean perStrategy() {
        return perStrategy;
    }

    public static PilotCap byKey(String key) {
        for (PilotCap c : values()) {
            if (c.key.equals(key == null ? null : key.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cap '" + key + "': one of "
                + Arrays.stream(values()).map(PilotCap::key).collect(Collectors.joining(", ")));
    }

    /**
     * The canonical text of a value of this cap, or {@link IllegalArgumentException} saying why it is not one: an
     * amount or count that is not a positive number (or is absurdly large), a symbol that is not a KRX code.
     */
    public String canonical(String value) {
        String v = value == null ? "" : value.trim();
        if (this == SYMBOLS) {
            Set<String> symbols = new LinkedHashSet<>();
            for (String s : v.split(",")) {
                String symbol = s.trim().toUpperCase(Locale.ROOT);
                if (symbol.isEmpty()) {
                    continue;
                }
                if (!SYMBOL.matcher(symbol).matches()) {
                    throw new IllegalArgumentException("cap " + key + ": '" + s.trim() + "' is not a KRX symbol (six"
                            + " digits or capitals)");
                }
                symbols.add(symbol);
            }
            return symbols.stream().sorted().collect(Collectors.joining(","));
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cap " + key + " must be a positive amount, not '" + v + "'");
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("cap " + key + " must be a positive amount up to " + MAX_AMOUNT.toPlainString()
                    + ", not " + amount.toPlainString());
        }
        if (this == OPEN_ORDERS) {
            if (amount.stripTrailingZeros().scale() > 0 || amount.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("cap " + key + " must be a whole number of orders, not "
                        + amount.toPlainString());
            }
            return amount.toBigIntegerExact().toString();
        }
        return amount.stripTrailingZeros().toPlainString();
    }

    /**
     * Whether moving from {@code from} to {@code to} (canonical values) lets more through: a larger amount, or a
     * symbol list that admits a symbol the old one did not (blank admits every symbol). A raise needs four eyes.
     */
    public boolean raises(String from, String to) {
        if (this == SYMBOLS) {
            Set<String> old = symbols(from);
            Set<String> next = symbols(to);
            if (next.isEmpty()) {
                return !old.isEmpty();
            }
            return !old.isEmpty() && !old.containsAll(next);
        }
        return new BigDecimal(to).compareTo(new BigDecimal(from)) > 0;
    }

    static Set<String> symbols(String canonical) {
        return canonical == null || canonical.isBlank() ? Set.of()
                : Arrays.stream(canonical.split(",")).collect(Collectors.toUnmodifiableSet());
    }
}
