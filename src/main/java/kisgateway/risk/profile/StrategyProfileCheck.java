package kisgateway.risk.profile;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;

/**
 * Holds each strategy to its declared profile. A NEW or REPLACE request whose order is in a session the strategy
 * did not declare is refused ({@link RiskRule#STRATEGY_SESSION_NOT_DECLARED}); from the strategy's cutoff on, one
 * that adds risk is refused ({@link RiskRule#STRATEGY_CUTOFF_PASSED}): only risk-reducing orders pass, as under a
 * REDUCING kill switch (a sell of no more than the shares held and not already offered). Cancels always pass. A
 * strategy without a profile (not configured: the drill's, an external order's) is not held to one.
 */
public final class StrategyProfileCheck implements PreTradeCheck {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final Map<String, StrategyProfile> profiles;

    public StrategyProfileCheck(Map<String, StrategyProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    @Override
    public Optional<Finding> check(RiskOrder order, OrderContext context) {
        if (!order.placesQuote()) {
            return Optional.empty();
        }
        StrategyProfile profile = profiles.get(order.strategyId());
        if (profile == null) {
            return Optional.empty();
        }
        Set<TradingSessionKind> required = TradingSessionKind.requiredBy(order.orderType(), order.exchange());
        if (!profile.sessions().containsAll(required)) {
            Set<TradingSessionKind> missing = EnumSet.copyOf(required);
            missing.removeAll(profile.sessions());
            return Optional.of(Finding.of(RiskRule.STRATEGY_SESSION_NOT_DECLARED, "strategy", order.strategyId(),
                    "orderType", order.orderType(), "exchange", order.exchange(), "needs", names(missing),
                    "declared", names(profile.sessions())));
        }
        LocalTime timeOfDay = context.now().atZone(KST).toLocalTime();
        if (profile.pastCutoff(timeOfDay) && !context.riskReducing()) {
            return Optional.of(Finding.of(RiskRule.STRATEGY_CUTOFF_PASSED, "strategy", order.strategyId(),
                    "cutoff", profile.cutoff(), "time", timeOfDay, "side", order.side(), "quantity", order.quantity(),
                    "sellable", context.sellableQuantity()));
        }
        return Optional.empty();
    }

    private static String names(Set<TradingSessionKind> kinds) {
        return String.join(",", new TreeSet<>(kinds.stream().map(Enum::name).toList()));
    }
}
