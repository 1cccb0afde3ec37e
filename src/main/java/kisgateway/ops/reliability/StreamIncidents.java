package kisgateway.ops.reliability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the execution-notice stream goes through into incidents with a start and an end, kept in the
 * {@link StreamIncidentStore} (so that the day's report is the same whoever writes it) and counted on the meters
 * {@code kis_stream_incidents_total} and {@code kis_stream_incident_duration_seconds} (account, kind).
 *
 * <p>Sources: the session's events as they happen (a drop opens a DISCONNECT that the next connect closes; a
 * socket without any frame opens a STALE; the breaker opening is a REFUSED_RECONNECT); the checks' findings as
 * the watch took them in (fills the stream had not delivered open a GAP and make the quiet period they hid a
 * STALE; a clean check makes it no incident: a resting order far from the market is quiet for hours); and a
 * sample of the stream's condition taken after every watch of the stream (no frame, gap, refused reconnect,
 * live), which opens what the conditions show and closes what they no longer show. A drop
 * shorter than the sampling period is still seen (by its events); a condition is as exact as the sampling period.
 * Accounts whose stream this instance does not hold are left to the instance that holds them; when it takes one
 * over, it starts from what the store has open (an incident an instance left open when it stopped is closed by the
 * one that finds it over).
 */
public final class StreamIncidents {

    private static final Logger LOG = LoggerFactory.getLogger(StreamIncidents.class);

    /** The buckets of the duration histogram (s): a reconnect is seconds, a stale check tens, an outage minutes. */
    static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1)};

    /**
     * What the sampler sees of an account's stream now; empty when this instance does not hold it.
     *
     * @param noFrame the socket carried no frame at all, PINGPONG included (an incident in itself)
     */
    public record Condition(boolean live, boolean noFrame, boolean gap, boolean refused) {
        Set<StreamIncidentKind> present() {
            Set<StreamIncidentKind> s = EnumSet.noneOf(StreamIncidentKind.class);
            if (!live) {
                s.add(StreamIncidentKind.DISCONNECT);
            }
            if (noFrame) {
                s.add(StreamIncidentKind.STALE);
            }
            if (gap) {
                s.add(StreamIncidentKind.GAP);
            }
            if (refused) {
                s.add(StreamIncidentKind.REFUSED_RECONNECT);
            }
            return s;
        }
    }

    /** Kinds a sample opens; a DISCONNECT is opened only by the drop itself (a first connect is no incident). */
    private static final Set<StreamIncidentKind> SAMPLED = EnumSet.of(StreamIncidentKind.STALE,
            StreamIncidentKind.GAP, StreamIncidentKind.REFUSED_RECONNECT);

    private final StreamIncidentStore store;
    private final Set<String> accounts;
    private final Function<String, String> appKeyOf;
    private final Function<String, Optional<Condition>> conditions;
    private final Clock clock;
    private final Map<String, Set<StreamIncidentKind>> open = new HashMap<>();
    private final Map<String, Map<StreamIncidentKind, Counter>> counters = new HashMap<>();
    private final Map<String, Map<StreamIncidentKind, Timer>> durations = new HashMap<>();

    /**
     * @param appKeyOf   an account's app key label (what the sessions are tagged with)
     * @param conditions the stream of an account as this instance sees it, empty when it does not hold it
     */
    public StreamIncidents(StreamIncidentStore store, Set<String> accounts, Function<String, String> appKeyOf,
                           Function<String, Optional<Condition>> conditions, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.accounts = Set.copyOf(accounts);
        this.appKeyOf = appKeyOf;
        this.conditions = conditions;
        this.clock = clock;
        for (String account : this.accounts) {
            Map<StreamIncidentKind, Counter> c = new EnumMap<>(StreamIncidentKind.class);
            Map<StreamIncidentKind, Timer> t = new EnumMap<>(StreamIncidentKind.class);
            for (StreamIncidentKind kind : StreamIncidentKind.values()) {
                c.put(kind, Counter.builder("kis.stream.incidents")
                        .description("incidents of the execution-notice stream this instance saw begin, by kind")
                        .tags("account", account, "kind", kind.label()).register(meters));
                t.put(kind, Timer.builder("kis.stream.incident.duration")
                        .description("how long the stream's incidents this instance saw end lasted, by kind")
                        .tags("account", account, "kind", kind.label()).serviceLevelObjectives(DURATION_BUCKETS)
                        .register(meters));
                Gauge.builder("kis.stream.incident.open", this, s -> s.isOpen(account, kind) ? 1 : 0)
                        .description("1 while an incident of this kind lasts on the account's stream (on the instance"
                                + " that holds it)").tags("account", account, "kind", kind.label()).register(meters);
            }
            counters.put(account, c);
            durations.put(account, t);
        }
    }

    /**
     * A session event (routes/fills.camel.yaml): DISCONNECTED, CONNECTED, STALE (no frame at all) or ALARM (the
     * reconnect breaker opened); others are not incidents.
     */
    public synchronized void event(String account, String type, String detail) {
        if (!accounts.contains(account)) {
            return;
        }
        Instant now = clock.instant();
        switch (type) {
            case "DISCONNECTED" -> open(account, StreamIncidentKind.DISCONNECT, now, detail);
            case "CONNECTED" -> {
                close(account, StreamIncidentKind.DISCONNECT, now);
                close(account, StreamIncidentKind.REFUSED_RECONNECT, now);
            }
            case "STALE" -> open(account, StreamIncidentKind.STALE, now, detail);
            case "ALARM" -> open(account, StreamIncidentKind.REFUSED_RECONNECT, now, detail);
            default -> { }
        }
    }

    /**
     * A backfill of the account ran: recovered fills open a GAP (if none is open) and count on it, and make the
     * quiet period they had hidden a STALE incident (it was the stream's silence, not the market's). A quiet
     * period a clean check answered is no incident: a resting order far from the market is quiet for hours.
     *
     * @param quiet since when the stream had been quiet with orders working (the watch's word), or null
     */
    public synchronized void checked(String account, int recovered, Instant quiet) {
        if (!accounts.contains(account)) {
            return;
        }
        if (recovered <= 0) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (quiet != null && !openOf(account).contains(StreamIncidentKind.STALE)) {
                open(account, StreamIncidentKind.STALE, quiet, "quiet with orders working; the check found "
                        + recovered + " fills the stream had not delivered");
                close(account, StreamIncidentKind.STALE, now);
            }
            open(account, StreamIncidentKind.GAP, now, recovered + " fills recovered by a backfill");
            store.addRecovered(account, StreamIncidentKind.GAP, recovered);
        } catch (ReliabilityStoreException e) {
            // told on the backfill's thread: the fills are booked, only the incident's record is missing
            LOG.warn("stream incident not recorded account={} kind=GAP recovered={} error=\"{}\"", account, recovered,
                    e.getMessage());
        }
    }

    /** Opens what the streams this instance holds show now, closes what they no longer show. */
    public synchronized void sample() {
        Instant now = clock.instant();
        for (String account : accounts) {
            Optional<Condition> condition = conditions.apply(account);
            if (condition.isEmpty()) {
                // another instance holds it: what it has open is its own to close; read again on taking over
                open.remove(account);
                continue;
            }
            Set<StreamIncidentKind> present = condition.get().present();
            for (StreamIncidentKind kind : StreamIncidentKind.values()) {
                boolean isOpen = openOf(account).contains(kind);
                if (present.contains(kind) && !isOpen && SAMPLED.contains(kind)) {
                    open(account, kind, now, "seen by the stream's watch");
                } else if (!present.contains(kind) && isOpen) {
                    close(account, kind, now);
                }
            }
        }
    }

    public synchronized boolean isOpen(String account, StreamIncidentKind kind) {
        Set<StreamIncidentKind> kinds = open.get(account);
        return kinds != null && kinds.contains(kind);
    }

    private Set<StreamIncidentKind> openOf(String account) {
        return open.computeIfAbsent(account, a -> {
            Set<StreamIncidentKind> kinds = EnumSet.noneOf(StreamIncidentKind.class);
            kinds.addAll(store.openKinds(a));
            return kinds;
        });
    }

    private void open(String account, StreamIncidentKind kind, Instant at, String detail) {
        Set<StreamIncidentKind> kinds = openOf(account);
        if (kinds.contains(kind)) {
            return;
        }
        if (store.open(account, appKeyOf.apply(account), kind, at, detail == null ? "" : detail)) {
            counters.get(account).get(kind).increment();
            LOG.warn("stream incident opened account={} kind={} detail=\"{}\"", account, kind, detail);
        }
        kinds.add(kind);
    }

    private void close(String account, StreamIncidentKind kind, Instant at) {
        Set<StreamIncidentKind> kinds = openOf(account);
        Optional<Instant> started = store.close(account, kind, at);
        kinds.remove(kind);
        started.ifPresent(s -> {
            Duration lasted = Duration.between(s, at);
            durations.get(account).get(kind).record(lasted.isNegative() ? Duration.ZERO : lasted);
            LOG.info("stream incident ended account={} kind={} seconds={}", account, kind, lasted.toMillis() / 1000.0);
        });
    }
}
