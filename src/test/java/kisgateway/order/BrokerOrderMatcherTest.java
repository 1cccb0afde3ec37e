package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BrokerOrderMatcherTest {

    private static final Instant SENT = Instant.parse("2026-11-23T01:00:00Z");
    private final BrokerOrderMatcher matcher = new BrokerOrderMatcher(Duration.ofSeconds(2), Duration.ofSeconds(30));

    private static OrderRecord local(long qty, String price, OrderType type) {
        return new OrderRecord(UUID.randomUUID(), "c1", "main", "s1", "005930", Side.BUY, type, Exchange.KRX, qty,
                price == null ? null : new BigDecimal(price), OrderState.RECONCILE_REQUIRED, "GATEWAY", null, null, null,
                0, null, null, null, Duration.ofSeconds(2), SENT, SENT, 1);
    }

    private static BrokerOrder broker(String odno, long qty, String price, Instant at) {
        return new BrokerOrder(odno, null, "005930", Side.BUY, qty, new BigDecimal(price), at, 0, null, qty, false);
    }

    @Test
    void oneCandidateInTheWindowIsAMatch() {
        var result = matcher.match(local(10, "71000", OrderType.LIMIT), SENT, List.of(
                broker("0000000001", 10, "71000", SENT.plusSeconds(1)),
                broker("0000000002", 10, "71100", SENT.plusSeconds(1)),
                broker("0000000003", 11, "71000", SENT.plusSeconds(1)),
                broker("0000000004", 10, "71000", SENT.minusSeconds(60))), Set.of());
        assertThat(result).isEqualTo(new BrokerOrderMatcher.Result.Unique(broker("0000000001", 10, "71000", SENT.plusSeconds(1))));
    }

    @Test
    void twoCandidatesAreNeverGuessed() {
        var result = matcher.match(local(10, "71000", OrderType.LIMIT), SENT, List.of(
                broker("0000000001", 10, "71000", SENT.plusSeconds(1)),
                broker("0000000002", 10, "71000", SENT.plusSeconds(3))), Set.of());
        assertThat(result).isInstanceOf(BrokerOrderMatcher.Result.Ambiguous.class);
        assertThat(((BrokerOrderMatcher.Result.Ambiguous) result).candidates()).hasSize(2);
    }

    @Test
    void anOrderClaimedByAnotherLocalOrderIsNotACandidate() {
        var result = matcher.match(local(10, "71000", OrderType.LIMIT), SENT, List.of(
                broker("0000000001", 10, "71000", SENT.plusSeconds(1)),
                broker("0000000002", 10, "71000", SENT.plusSeconds(3))), Set.of("0000000001"));
        assertThat(result).isInstanceOf(BrokerOrderMatcher.Result.Unique.class);
    }

    @Test
    void nothingInTheWindowIsNone() {
        assertThat(matcher.match(local(10, "71000", OrderType.LIMIT), SENT, List.of(
                broker("0000000001", 10, "71000", SENT.plusSeconds(31))), Set.of()))
                .isInstanceOf(BrokerOrderMatcher.Result.None.class);
    }

    @Test
    void aMarketOrderMatchesOnQuantityAndTime() {
        var result = matcher.match(local(5, null, OrderType.MARKET), SENT, List.of(
                broker("0000000009", 5, "0", SENT.plusSeconds(1))), Set.of());
        assertThat(result).isInstanceOf(BrokerOrderMatcher.Result.Unique.class);
    }
}
