package kisgateway.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kisgateway.fill.BackfillQueue;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.risk.MutableClock;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The stream's incidents over the real table: opened by events and by what the stream shows, closed with their
 * duration, counted once whichever instance sees them, and the whole day there after a restart.
 */
class StreamIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private static final StreamIncidents.Condition LIVE = new StreamIncidents.Condition(true, false, false, false);

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final MutableClock clock = new MutableClock(T0);
    private final String account = "si-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, StreamIncidents.Condition> shown = new ConcurrentHashMap<>();

    private StreamIncidents instance(SimpleMeterRegistry meters, String id) {
        return new StreamIncidents(new JdbcStreamIncidentStore(dataSource, id), Set.of(account), a -> "k" + a,
                a -> Optional.ofNullable(shown.get(a)), meters, clock);
    }

    /**
     * The account's stream, live, its watch hearing every backfill's answer as ReliabilityWiring wires them (stale
     * after 3 s with orders working, which they always are here).
     */
    private NoticeStreamWatch watchedStream(BackfillQueue backfills) {
        NoticeStreamWatch watch = new NoticeStreamWatch(Set.of(account), new NoticeStreamWatch.Settings(
                Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ZERO), a -> true, a -> true, a -> "k", backfills,
                clock);
        backfills.whenChecked(watch::checked);
        shown.put(account, LIVE);
        watch.connected(account);
        return watch;
    }

    private List<StreamIncident> today() {
        return new JdbcStreamIncidentStore(dataSource, "reader").overlapping(T0.minusSeconds(3600), T0.plusSeconds(86_400))
                .stream().filter(i -> i.account().equals(account)).toList();
    }

    @Test
    void aDropIsADisconnectUntilTheNextConnectWithItsDuration() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamIncidents incidents = instance(meters, "a");
        shown.put(account, LIVE);

        incidents.event(account, "DISCONNECTED", "closed 1006");
        clock.advance(Duration.ofMillis(1500));
        incidents.event(account, "CONNECTED", "subscribed");

        assertThat(today()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(StreamIncidentKind.DISCONNECT);
            assertThat(i.startedAt()).isEqualTo(T0);
            assertThat(i.endedAt()).isEqualTo(T0.plusMillis(1500));
            assertThat(i.detail()).isEqualTo("closed 1006");
        });
        assertThat(meters.get("kis.stream.incidents").tags("kind", "disconnect").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.stream.incident.duration").tags("kind", "disconnect").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    @Test
    void aQuietPeriodWhoseCheckFindsMissingFillsIsStaleThenAGapUntilTheNextCleanCheck() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamIncidents incidents = instance(meters, "a");
        shown.put(account, LIVE);
        incidents.sample();
        clock.advance(Duration.ofSeconds(2));
        incidents.sample();
        // the check found two fills the stream had not delivered: the quiet was a stale stream, now a gap
        shown.put(account, new StreamIncidents.Condition(true, false, true, false));
        incidents.checked(account, 2, T0);
        incidents.sample();
        clock.advance(Duration.ofSeconds(30));
        shown.put(account, LIVE);
        incidents.checked(account, 0, null);
        incidents.sample();
        incidents.sample();

        assertThat(today()).extracting(StreamIncident::kind, i -> i.duration(T0), StreamIncident::fillsRecovered)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.STALE, Duration.ofSeconds(2), 0),
                        org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.GAP, Duration.ofSeconds(30), 2));
        assertThat(meters.get("kis.stream.incidents").tags("kind", "stale").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.stream.incidents").tags("kind", "gap").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.stream.incident.open").tags("kind", "gap").gauge().value()).isZero();
    }

    @Test
    void aCheckThatFinishesBeforeAnySampleStillMakesTheQuietAStale() {
        // the watch asks, the backfill answers, no sample in between
        BackfillQueue backfills = new BackfillQueue(Duration.ZERO, clock);
        NoticeStreamWatch watch = watchedStream(backfills);
        StreamIncidents incidents = instance(new SimpleMeterRegistry(), "a");
        watch.whenChecked(f -> incidents.checked(f.account(), f.recovered(), f.quietSince()));

        clock.advance(Duration.ofSeconds(4));
        assertThat(watch.check()).containsExactly(account);
        clock.advance(Duration.ofMillis(700));
        for (BackfillQueue.Due due : backfills.takeDue()) {
            backfills.checked(new BackfillQueue.Checked(due.account(), due.reason(), 1, clock.instant()));
        }
        incidents.sample();

        assertThat(today()).extracting(StreamIncident::kind, i -> i.duration(T0)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.STALE, Duration.ofMillis(700)),
                org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.GAP, Duration.ZERO));
    }

    @Test
    void aCleanAnswerThatReadKisBeforeTheQuietBeganDoesNotForgetIt() {
        BackfillQueue backfills = new BackfillQueue(Duration.ZERO, clock);
        NoticeStreamWatch watch = watchedStream(backfills);
        StreamIncidents incidents = instance(new SimpleMeterRegistry(), "a");
        watch.whenChecked(f -> incidents.checked(f.account(), f.recovered(), f.quietSince()));
        // a backfill of another cause (a reconnect) is reading KIS when the watch finds the stream quiet and asks
        backfills.request(account, "CONNECTED");
        List<BackfillQueue.Due> inFlight = backfills.takeDue();
        Instant readAt = clock.instant();
        clock.advance(Duration.ofSeconds(4));
        Instant quietFrom = clock.instant();
        assertThat(watch.check()).containsExactly(account);
        // it read KIS before the fill: clean; the watch's own check, asked after, finds the fill
        clock.advance(Duration.ofMillis(300));
        inFlight.forEach(d -> backfills.checked(new BackfillQueue.Checked(d.account(), d.reason(), 0, readAt)));
        clock.advance(Duration.ofMillis(700));
        for (BackfillQueue.Due due : backfills.takeDue()) {
            backfills.checked(new BackfillQueue.Checked(due.account(), due.reason(), 1, clock.instant()));
        }

        assertThat(today()).extracting(StreamIncident::kind, StreamIncident::startedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.STALE, quietFrom),
                org.assertj.core.groups.Tuple.tuple(StreamIncidentKind.GAP, clock.instant()));
    }

    @Test
    void aQuietPeriodACheckFindsCleanIsNoIncidentButASocketWithoutFramesIs() {
        StreamIncidents incidents = instance(new SimpleMeterRegistry(), "a");
        shown.put(account, LIVE);
        incidents.sample();
        clock.advance(Duration.ofSeconds(3));
        shown.put(account, LIVE);
        incidents.checked(account, 0, null);
        incidents.sample();
        assertThat(today()).isEmpty();

        incidents.event(account, "STALE", "no frame for 150 s");
        shown.put(account, new StreamIncidents.Condition(true, true, false, false));
        incidents.sample();
        clock.advance(Duration.ofSeconds(4));
        shown.put(account, LIVE);
        incidents.sample();
        assertThat(today()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(StreamIncidentKind.STALE);
            assertThat(i.duration(T0)).isEqualTo(Duration.ofSeconds(4));
        });
    }

    @Test
    void aFirstConnectIsNoIncidentAndARefusedReconnectLastsUntilLive() {
        StreamIncidents incidents = instance(new SimpleMeterRegistry(), "a");
        shown.put(account, new StreamIncidents.Condition(false, false, false, false));
        incidents.sample();
        assertThat(today()).isEmpty();

        shown.put(account, new StreamIncidents.Condition(false, false, false, true));
        incidents.sample();
        clock.advance(Duration.ofSeconds(7));
        shown.put(account, LIVE);
        incidents.sample();

        assertThat(today()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(StreamIncidentKind.REFUSED_RECONNECT);
            assertThat(i.duration(T0)).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void twoInstancesOpenOneIncidentAndTheNextLeaderClosesWhatTheLastLeftOpen() {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        StreamIncidents a = instance(first, "a");
        StreamIncidents b = instance(second, "b");
        shown.put(account, new StreamIncidents.Condition(false, false, false, false));
        a.event(account, "DISCONNECTED", "closed");
        b.event(account, "DISCONNECTED", "closed (replayed)");
        assertThat(first.get("kis.stream.incidents").tags("kind", "disconnect").counter().count()
                + second.get("kis.stream.incidents").tags("kind", "disconnect").counter().count()).isEqualTo(1);

        // the first instance stops with the incident open; a restarted one takes the stream over and connects
        clock.advance(Duration.ofSeconds(40));
        StreamIncidents restarted = instance(new SimpleMeterRegistry(), "c");
        restarted.event(account, "CONNECTED", "subscribed");

        assertThat(today()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(StreamIncidentKind.DISCONNECT);
            assertThat(i.duration(T0)).isEqualTo(Duration.ofSeconds(40));
        });
    }

    @Test
    void anInstanceThatDoesNotHoldTheStreamLeavesItsIncidentsAlone() {
        StreamIncidents leader = instance(new SimpleMeterRegistry(), "a");
        leader.event(account, "STALE", "no frame");
        shown.put(account, new StreamIncidents.Condition(true, true, false, false));
        leader.sample();
        shown.remove(account);
        StreamIncidents standby = instance(new SimpleMeterRegistry(), "b");
        clock.advance(Duration.ofSeconds(5));
        standby.sample();
        assertThat(today()).singleElement().satisfies(i -> assertThat(i.endedAt()).isNull());
        // taking over, it finds the stream fine: it ends what the store has open
        shown.put(account, LIVE);
        standby.sample();
        assertThat(today()).singleElement().satisfies(i -> assertThat(i.duration(T0)).isEqualTo(Duration.ofSeconds(5)));
    }
}
