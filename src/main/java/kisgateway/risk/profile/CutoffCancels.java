package kisgateway.risk.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which strategies' resting entries are due to be cancelled at a moment: those that declare it, from their cutoff to
 * the day's end (Seoul), each with the instant its cutoff came today. Asked on every sweep: an entry that came to
 * rest after the first pass (in flight at the cutoff) is still found.
 */
public final class CutoffCancels {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final Map<String, StrategyProfile> profiles;

    public CutoffCancels(Map<String, StrategyProfile> profiles) {
        this.profiles = new TreeMap<>(profiles);
    }

    /** A strategy whose cutoff has come today, the day and when it came. */
    public record Due(String strategyId, LocalDate day, java.time.LocalTime cutoff, Instant cutoffAt) {
    }

    public List<Due> due(Instant now) {
        ZonedDateTime seoul = now.atZone(KST);
        List<Due> out = new ArrayList<>();
        for (StrategyProfile p : profiles.values()) {
            if (p.cancelEntriesAtCutoff() && p.pastCutoff(seoul.toLocalTime())) {
                out.add(new Due(p.strategyId(), seoul.toLocalDate(), p.cutoff(),
                        seoul.toLocalDate().atTime(p.cutoff()).atZone(KST).toInstant()));
            }
        }
        return out;
    }
}
