package kisgateway.risk.profile;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a strategy declares about its own trading: the sessions it trades in and the time of day (Seoul) from which
 * it takes no new risk, and whether its resting entries are cancelled then.
 *
 * @param sessions              the sessions its orders may be in (at least one)
 * @param cutoff                from this time of day (KST) on, only risk-reducing orders and cancels; null: none
 * @param cancelEntriesAtCutoff whether its resting orders that add exposure are cancelled at the cutoff
 */
public record StrategyProfile(String strategyId, Set<TradingSessionKind> sessions, LocalTime cutoff,
                              boolean cancelEntriesAtCutoff) {

    public StrategyProfile {
        Objects.requireNonNull(strategyId, "strategyId");
        if (sessions == null || sessions.isEmpty()) {
            throw new IllegalArgumentException("strategy '" + strategyId + "' declares no session to trade in");
        }
        sessions = Set.copyOf(EnumSet.copyOf(sessions));
        if (cancelEntriesAtCutoff && cutoff == null) {
            throw new IllegalArgumentException("strategy '" + strategyId + "' cancels its entries at a cutoff it does not"
                    + " declare");
        }
    }

    /** A strategy that declares nothing: every session, no cutoff (the gateway's behaviour before profiles). */
    public static StrategyProfile unrestricted(String strategyId) {
        return new StrategyProfile(strategyId, TradingSessionKind.ALL, null, false);
    }

    /** Whether, at this Seoul time of day, the cutoff has come (it holds to the day's end). */
    public boolean pastCutoff(LocalTime timeOfDay) {
        return cutoff != null && !timeOfDay.isBefore(cutoff);
    }
}
