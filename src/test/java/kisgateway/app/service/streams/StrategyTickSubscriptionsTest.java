package kisgateway.app.service.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import kisgateway.market.JdbcTickLeaseStore;
import kisgateway.market.TradeRegistrations;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's tick subscriptions on the real database: leases written before they are answered, so that another
 * instance becoming the leader takes them over with their registrations; the sender's strategy; refusals.
 */
class StrategyTickSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource db = SharedInfrastructure.get().dataSource().dataSource();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T01:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection c = db.getConnection()) {
            c.createStatement().executeUpdate("delete from tick_leases");
        }
    }

    private TradeStreamSubscriptions stream(int capacity) {
        return new TradeStreamSubscriptions(30, new TradeRegistrations(capacity, Duration.ofSeconds(10), 10));
    }

    private StrategyTickSubscriptions desk(TradeStreamSubscriptions stream) {
        return new StrategyTickSubscriptions(stream, new JdbcTickLeaseStore(db), Duration.ofSeconds(60), 40,
                "kis.market.ticks", (user, claimed) -> {
                    if (!"strategy-user".equals(user)) {
                        throw new StrategyPermissions.NotPermitted("broker user '" + user + "' sends for no strategy");
                    }
                    return "demo";
                }, clock);
    }

    private static String subscribe(String subscriber, String... symbols) {
        return "{\"action\":\"SUBSCRIBE\",\"subscriber\":\"" + subscriber + "\",\"symbols\":[\""
                + String.join("\",\"", symbols) + "\"]}";
    }

    @Test
    void aNewLeaderTakesOverTheLeasesWithTheirRegistrationsAndExpiresThem() throws Exception {
        TradeStreamSubscriptions oldStream = stream(40);
        StrategyTickSubscriptions oldLeader = desk(oldStream);
        assertThat(oldLeader.answer("demo", subscribe("a", "005930", "000660")).status()).isEqualTo(200);
        assertThat(oldLeader.answerSender("strategy-user", subscribe("b", "000660")).status()).isEqualTo(200);
        now.set(now.get().plusSeconds(30));
        // a renews: its lease now runs 30 s past b's
        assertThat(oldLeader.answer("demo", subscribe("a", "005930", "000660")).status()).isEqualTo(200);
        oldLeader.handOver();

        TradeStreamSubscriptions newStream = stream(40);
        newStream.follow("sim", "035420");
        StrategyTickSubscriptions newLeader = desk(newStream);
        newLeader.takeOver();
        assertThat(newStream.registered()).containsExactlyInAnyOrder("005930", "000660", "035420");
        assertThat(newLeader.wanted("005930")).isTrue();
        assertThat(newLeader.wanted("035420")).isFalse();

        // b's lease ends at +60 s, a's at +90 s; the hold is 10 s
        now.set(now.get().plusSeconds(31));
        assertThat(newLeader.expire()).isEmpty();
        assertThat(newLeader.wanted("000660")).isTrue();
        now.set(now.get().plusSeconds(30));
        assertThat(newLeader.expire()).isEmpty();
        now.set(now.get().plusSeconds(10));
        assertThat(newLeader.expire()).containsExactlyInAnyOrder("005930", "000660");
        assertThat(newStream.registered()).containsExactly("035420");
        try (Connection c = db.getConnection(); var rs = c.createStatement().executeQuery("select count(*) from tick_leases")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void anUnsubscribeReleasesOnlyWhatNobodyElseLeasesAndOnlyAfterTheHold() {
        TradeStreamSubscriptions stream = stream(40);
        StrategyTickSubscriptions leader = desk(stream);
        leader.answer("demo", subscribe("a", "005930", "000660"));
        leader.answer("other", subscribe("a", "000660"));
        assertThat(leader.answer("demo", "{\"action\":\"UNSUBSCRIBE\",\"subscriber\":\"a\",\"symbols\":[\"005930\","
                + "\"000660\"]}").status()).isEqualTo(200);
        assertThat(leader.wanted("000660")).isTrue();
        assertThat(leader.wanted("005930")).isFalse();
        now.set(now.get().plusSeconds(9));
        assertThat(leader.expire()).isEmpty();
        now.set(now.get().plusSeconds(1));
        assertThat(leader.expire()).containsExactly("005930");
    }

    @Test
    void refusalsSayWhyAndLeaseNothing() throws Exception {
        TradeStreamSubscriptions stream = stream(2);
        stream.follow("sim", "035420");
        StrategyTickSubscriptions leader = desk(stream);
        StrategyTickSubscriptions.TickAnswer full = leader.answer("demo", subscribe("a", "005930", "000660"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(JSON.readTree(full.json()).path("error").asText()).contains("1 free of the 2", "1 stream last prices");
        assertThat(full.reason()).isEqualTo(JSON.readTree(full.json()).path("error").asText());
        assertThat(leader.wanted("005930")).isFalse();
        assertThat(stream.registered()).containsExactly("035420");

        assertThat(leader.answer("demo", "{\"action\":\"SUBSCRIBE\"}").status()).isEqualTo(400);
        assertThat(leader.answer("demo", subscribe("a", "005930").replace("}", ",\"strategyId\":\"other\"}")).status())
                .isEqualTo(403);
        StrategyTickSubscriptions.TickAnswer stranger = leader.answerSender("back-office", subscribe("a", "005930"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.reason()).contains("sends for no strategy");
        try (Connection c = db.getConnection(); var rs = c.createStatement().executeQuery("select count(*) from tick_leases")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aGrantSaysHowToReceiveAndWhenToRenew() throws Exception {
        JsonNode granted = JSON.readTree(desk(stream(40)).answer("demo", subscribe("a", "005930", "Q500001")).json());
        assertThat(granted.path("leaseMs").asLong()).isEqualTo(60_000);
        assertThat(granted.path("expiresAt").asText()).isEqualTo("2026-12-07T01:01:00Z");
        assertThat(granted.path("address").asText()).isEqualTo("kis.market.ticks");
        assertThat(granted.path("selector").asText()).isEqualTo("symbol IN ('005930', 'Q500001')");
    }
}
