package kisgateway.risk.compliance;

import java.time.Duration;
import java.util.Map;
import kisgateway.risk.RiskProperties;

/**
 * Thresholds of the market-conduct guards from {@code risk.compliance.*}. Counts are per (account, symbol) within
 * a sliding window; reaching the maximum is allowed, the next request in the window is denied.
 *
 * @param maxOrders              new orders per (account, symbol) per {@code orderRateWindow}
 * @param maxCancelReplaces      cancels + revisions per (account, symbol) per {@code burstWindow}
 * @param maxQuoteCycles         times the same side/price/quantity may be placed and withdrawn per {@code quotePatternWindow}
 *                               before placing it again is refused
 * @param maxTrackedKeys         bound on the keys each guard remembers (least recently used forgotten first)
 */
public record ComplianceSettings(int maxOrders, Duration orderRateWindow, int maxCancelReplaces, Duration burstWindow,
                                 int maxQuoteCycles, Duration quotePatternWindow, int maxTrackedKeys) {

    public static final int DEFAULT_MAX_ORDERS = 20;
    public static final long DEFAULT_ORDER_RATE_WINDOW_SECONDS = 60;
    public static final int DEFAULT_MAX_CANCEL_REPLACES = 10;
    public static final long DEFAULT_BURST_WINDOW_SECONDS = 60;
    public static final int DEFAULT_MAX_QUOTE_CYCLES = 3;
    public static final long DEFAULT_QUOTE_PATTERN_WINDOW_SECONDS = 300;
    public static final int DEFAULT_MAX_TRACKED_KEYS = 100_000;

    /** The longest of the three windows: how far back the history of a rebuild reaches. */
    public Duration longestWindow() {
        Duration longest = orderRateWindow;
        if (burstWindow.compareTo(longest) > 0) {
            longest = burstWindow;
        }
        return quotePatternWindow.compareTo(longest) > 0 ? quotePatternWindow : longest;
    }

    public static ComplianceSettings fromProperties(Map<String, String> properties) {
        return from(new RiskProperties(properties));
    }

    public static ComplianceSettings from(RiskProperties p) {
        return new ComplianceSettings(
                p.positiveInt("risk.compliance.order-rate.max-orders", DEFAULT_MAX_ORDERS),
                p.positiveSeconds("risk.compliance.order-rate.window-seconds", DEFAULT_ORDER_RATE_WINDOW_SECONDS),
                p.positiveInt("risk.compliance.cancel-replace-burst.max-requests", DEFAULT_MAX_CANCEL_REPLACES),
                p.positiveSeconds("risk.compliance.cancel-replace-burst.window-seconds", DEFAULT_BURST_WINDOW_SECONDS),
                p.positiveInt("risk.compliance.quote-pattern.max-cycles", DEFAULT_MAX_QUOTE_CYCLES),
                p.positiveSeconds("risk.compliance.quote-pattern.window-seconds", DEFAULT_QUOTE_PATTERN_WINDOW_SECONDS),
                p.positiveInt("risk.compliance.max-tracked-keys", DEFAULT_MAX_TRACKED_KEYS));
    }
}
