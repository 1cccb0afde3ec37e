package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.kis.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LastPriceSharingTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-03T01:00:00Z"));
    private final AtomicInteger lookUps = new AtomicInteger();
    private final MarketPrices leaderPrices = prices();
    private final MarketPrices followerPrices = prices();
    private final LastPriceSharing leader = new LastPriceSharing(leaderPrices, Duration.ofSeconds(3), clock);
    private final LastPriceSharing follower = new LastPriceSharing(followerPrices, Duration.ofSeconds(3), clock);

    private MarketPrices prices() {
        return new MarketPrices((account, symbol, ttl) -> {
            lookUps.incrementAndGet();
            return new BigDecimal("11250");
        }, new MarketPrices.Freshness(Duration.ofSeconds(5), Duration.ofSeconds(3)),
                new MarketPrices.Freshness(Duration.ofSeconds(60), Duration.ofSeconds(45)),
                MarketPrices.TradeStream.NONE, clock);
    }

    @AfterEach
    void close() {
        leaderPrices.close();
        followerPrices.close();
    }

    @Test
    void anInstanceThatStreamsNothingSharesNothing() {
        assertThat(leader.snapshot()).isNull();
        leaderPrices.observe("005930", new BigDecimal("71900"));
        assertThat(leader.snapshot()).as("a price that is not streamed is not shared").isNull();
    }

    @Test
    void theLeadersStreamedPricesAreStreamedAtTheFollowerForTheLeaseOnly() {
        leaderPrices.streaming("005930");
        clock.advance(Duration.ofMillis(10));
        leaderPrices.observe("005930", new BigDecimal("71900"));
        clock.advance(Duration.ofMillis(40));
        String message = leader.snapshot();
        assertThat(message).contains("\"005930\":{\"price\":\"71900\",\"ageMs\":40}");

        assertThat(follower.adopt(message)).isEqualTo(1);
        assertThat(followerPrices.last("005930")).contains(new BigDecimal("71900"));
        assertThat(followerPrices.isStreamed("005930")).isTrue();
        assertThat(follower.snapshot()).as("a follower never passes shared prices on").isNull();

        clock.advance(Duration.ofMillis(2900));
        followerPrices.ensureFresh("sim", "005930", Duration.ofSeconds(1));
        assertThat(followerPrices.isStreamed("005930")).isTrue();
        clock.advance(Duration.ofMillis(200));
        assertThat(followerPrices.isStreamed("005930")).as("the lease ran out").isFalse();
        clock.advance(Duration.ofSeconds(3));
        followerPrices.ensureFresh("sim", "005930", Duration.ofSeconds(1));
        assertThat(lookUps.get()).as("polled again once the polled age passed").isEqualTo(1);
    }

    @Test
    void anInstanceSkipsItsOwnShare() {
        leaderPrices.streaming("005930");
        clock.advance(Duration.ofMillis(10));
        leaderPrices.observe("005930", new BigDecimal("71900"));
        assertThat(leader.adopt(leader.snapshot())).isZero();
    }

    @Test
    void aMessageThatIsNotAPriceShareIsRefusedWholeWithItsReason() {
        assertThatThrownBy(() -> follower.adopt("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable");
        assertThatThrownBy(() -> follower.adopt("{\"prices\":{}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance");
        assertThatThrownBy(() -> follower.adopt("{\"instance\":\"x\",\"prices\":{\"005930\":{\"price\":\"71900\",\"ageMs\":0},"
                + "\"010140\":{\"price\":\"abc\",\"ageMs\":0}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("010140");
        assertThatThrownBy(() -> follower.adopt("{\"instance\":\"x\",\"prices\":{\"005930\":{\"price\":\"-1\",\"ageMs\":0}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> follower.adopt("{\"instance\":\"x\",\"prices\":{\"005930\":{\"price\":\"71900\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("age");
        assertThat(followerPrices.last("005930")).as("nothing of a refused message is taken").isEmpty();
    }

    @Test
    void aSharedPriceKeepsItsAgeSoAQuietSymbolIsStillLookedUpInTime() {
        follower.adopt("{\"instance\":\"x\",\"prices\":{\"005930\":{\"price\":\"71900\",\"ageMs\":59000}}}");
        assertThat(followerPrices.isStreamed("005930")).isTrue();
        clock.advance(Duration.ofMillis(1500));
        followerPrices.ensureFresh("sim", "005930", Duration.ofSeconds(1));
        assertThat(lookUps.get()).as("60.5 s old: past the streamed max age").isEqualTo(1);
        assertThat(followerPrices.last("005930")).contains(new BigDecimal("11250"));
    }
}
