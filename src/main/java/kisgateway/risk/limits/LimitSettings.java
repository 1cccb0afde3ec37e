package kisgateway.risk.limits;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import kisgateway.risk.RiskProperties;

/**
 * Order and account limits from {@code risk.limits.*}: desk-wide defaults, and per account alias overrides under
 * {@code risk.limits.account.<alias>.<key>} (any key left out falls back to the default).
 */
public record LimitSettings(AccountLimits defaults, Map<String, AccountLimits> perAccount) {

    public static final BigDecimal DEFAULT_MAX_ORDER_VALUE = new BigDecimal("50000000");
    public static final long DEFAULT_MAX_ORDER_QUANTITY = 10_000;
    public static final long DEFAULT_MAX_POSITION_QUANTITY = 50_000;
    public static final BigDecimal DEFAULT_MAX_GROSS_EXPOSURE = new BigDecimal("500000000");
    public static final BigDecimal DEFAULT_DAILY_LOSS_CAP = new BigDecimal("10000000");

    private static final String BASE = "risk.limits.";
    private static final String ACCOUNT_BASE = BASE + "account.";

    public LimitSettings {
        Objects.requireNonNull(defaults, "defaults");
        perAccount = Map.copyOf(perAccount);
    }

    public static LimitSettings fromProperties(Map<String, String> properties) {
        return from(new RiskProperties(properties));
    }

    public static LimitSettings from(RiskProperties p) {
        AccountLimits builtIn = new AccountLimits(DEFAULT_MAX_ORDER_VALUE, DEFAULT_MAX_ORDER_QUANTITY,
                DEFAULT_MAX_POSITION_QUANTITY, DEFAULT_MAX_GROSS_EXPOSURE, DEFAULT_DAILY_LOSS_CAP);
        AccountLimits defaults = read(p, BASE, builtIn);
        TreeSet<String> aliases = new TreeSet<>();
        for (String key : p.keysUnder(ACCOUNT_BASE)) {
            String rest = key.substring(ACCOUNT_BASE.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                aliases.add(rest.substring(0, dot));
            }
        }
        Map<String, AccountLimits> perAccount = new LinkedHashMap<>();
        for (String alias : aliases) {
            perAccount.put(alias, read(p, ACCOUNT_BASE + alias + ".", defaults));
        }
        return new LimitSettings(defaults, perAccount);
    }

    public AccountLimits forAccount(String account) {
        return perAccount.getOrDefault(account, defaults);
    }

    private static AccountLimits read(RiskProperties p, String prefix, AccountLimits fallback) {
        return new AccountLimits(
                p.positiveDecimal(prefix + "max-order-value-krw", fallback.maxOrderValue()),
                p.positiveLong(prefix + "max-order-quantity", fallback.maxOrderQuantity()),
                p.positiveLong(prefix + "max-position-quantity", fallback.maxPositionQuantity()),
                p.positiveDecimal(prefix + "max-gross-exposure-krw", fallback.maxGrossExposure()),
                p.positiveDecimal(prefix + "daily-loss-cap-krw", fallback.dailyLossCap()));
    }
}
