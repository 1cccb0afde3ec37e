package kisgateway.risk.rollout;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The phases an account (or a strategy on it) goes through on its way to real money, from the most cautious to the
 * riskiest: the declaration order is the order of risk, and an order's phase is the lower of its account's and its
 * strategy's.
 */
public enum RolloutPhase {
    /** Screened all the way, recorded as the KIS request it would have been, never sent. */
    SHADOW,
    /** Live, inside hard caps. */
    PILOT,
    /** Live, inside caps that grow on a schedule while the gates hold. */
    RAMP,
    /** Live, with the gateway's ordinary limits only. */
    LIVE;

    /** The phase named, in any case; anything else is refused with the names there are. */
    public static RolloutPhase parse(String name) {
        if (name != null) {
            for (RolloutPhase p : values()) {
                if (p.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown rollout phase '" + name + "': one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    public boolean isRiskierThan(RolloutPhase other) {
        return ordinal() > other.ordinal();
    }

    /** The more cautious of the two. */
    public RolloutPhase cautious(RolloutPhase other) {
        return other.ordinal() < ordinal() ? other : this;
    }

    /** The next riskier phase, the only one a promotion may go to; LIVE has none. */
    public RolloutPhase next() {
        if (this == LIVE) {
            throw new IllegalStateException("LIVE is the last phase");
        }
        return values()[ordinal() + 1];
    }
}
