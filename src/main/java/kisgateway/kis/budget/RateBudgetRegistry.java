package kisgateway.kis.budget;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.MeterRegistry;
import kisgateway.kis.AppKey;
import kisgateway.kis.NanoTicker;

/**
 * Hands every caller of one app key the same {@link AppKeyRateBudget}: KIS counts per app key, so two routes with
 * two budgets would together exceed the limit. Create one registry per budget kind ("rest", "token", "approval")
 * in the application wiring and share it.
 */
public final class RateBudgetRegistry {

    private final String budget;
    private final RateBudgetSettings settings;
    private final NanoTicker ticker;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, AppKeyRateBudget> budgets = new ConcurrentHashMap<>();

    public RateBudgetRegistry(String budget, RateBudgetSettings settings, NanoTicker ticker, MeterRegistry meters) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    public AppKeyRateBudget forAppKey(AppKey appKey) {
        return budgets.computeIfAbsent(appKey.id(),
                id -> new AppKeyRateBudget(budget, appKey.label(), settings, ticker, meters));
    }

    /** Every app key's budget that exists so far ({@link AppKeyRateBudget#assumeWindowFull()} on a new sender). */
    public java.util.Collection<AppKeyRateBudget> all() {
        return java.util.List.copyOf(budgets.values());
    }

    public RateBudgetSettings settings() {
        return settings;
    }
}
