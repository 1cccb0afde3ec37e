package kisgateway.kis;

import java.util.Locale;

/**
 * The one switch between the local simulator, KIS paper trading (VTS) and the real market.
 * Only {@link KisEnvironment} turns it into hosts, TR IDs and limits; nothing else may branch on it.
 */
public enum KisMode {
    /** The local KIS simulator: live protocol (real TRs, live limits) on configured hosts. */
    SIM,
    /** KIS paper trading (모의투자, VTS): V-prefixed TRs, 1 call/s, several functions unsupported. */
    PAPER,
    /** The real market. */
    LIVE;

    /** Parses {@code sim|paper|live} in any case, as written in {@code kis.mode}. */
    public static KisMode parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("kis.mode is missing (expected sim, paper or live)");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kis.mode '" + text + "' is not one of sim, paper, live", e);
        }
    }
}
