package kisgateway.app.wiring;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.risk.profile.StrategyProfile;
import kisgateway.risk.profile.TradingSessionKind;

/**
 * Each strategy's trading profile from {@code gateway.strategy.<id>.sessions}, {@code .cutoff} and {@code
 * .cancel-entries-at-cutoff}, next to its accounts. A strategy that declares no sessions trades in all of them, as
 * before profiles existed; a value that cannot be read stops the start naming its key.
 */
public final class StrategyProfileWiring {

    private StrategyProfileWiring() {
    }

    public static Map<String, StrategyProfile> profiles(GatewayConfig config, Set<String> strategies) {
        Map<String, StrategyProfile> out = new TreeMap<>();
        for (String id : strategies) {
            String prefix = "gateway.strategy." + id + ".";
            Set<TradingSessionKind> sessions = EnumSet.noneOf(TradingSessionKind.class);
            for (String s : config.list(prefix + "sessions")) {
                try {
                    sessions.add(TradingSessionKind.valueOf(s.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(prefix + "sessions names '" + s + "': the sessions are "
                            + java.util.Arrays.toString(TradingSessionKind.values()));
                }
            }
            if (sessions.isEmpty()) {
                sessions = EnumSet.allOf(TradingSessionKind.class);
            }
            LocalTime cutoff = null;
            String text = config.string(prefix + "cutoff", "");
            if (!text.isEmpty()) {
                try {
                    cutoff = LocalTime.parse(text);
                } catch (DateTimeParseException e) {
                    throw new ConfigurationException(prefix + "cutoff is '" + text + "': a time of day in Seoul, HH:mm");
                }
            }
            boolean cancel = config.has(prefix + "cancel-entries-at-cutoff") && config.bool(prefix + "cancel-entries-at-cutoff");
            try {
                out.put(id, new StrategyProfile(id, sessions, cutoff, cancel));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(prefix + "*: " + e.getMessage());
            }
        }
        return out;
    }
}
