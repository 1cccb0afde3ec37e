package kisgateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickLeasesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    @Test
    void aSymbolIsCountedOncePerSubscriberAndUnleasedWhenTheLastOneLeaves() {
        TickLeases leases = new TickLeases();
        assertThat(leases.grant("demo/a", List.of("005930"), T0.plusSeconds(60))).containsExactly("005930");
        assertThat(leases.grant("demo/b", List.of("005930", "000660"), T0.plusSeconds(60))).containsExactly("000660");
        assertThat(leases.grant("demo/a", List.of("005930"), T0.plusSeconds(90))).isEmpty();
        assertThat(leases.holders("005930")).isEqualTo(2);
        assertThat(leases.release("demo/a", List.of("005930"))).isEmpty();
        assertThat(leases.release("demo/a", List.of("005930"))).isEmpty();
        assertThat(leases.release("demo/b", List.of("005930"))).containsExactly("005930");
        assertThat(leases.leased("005930")).isFalse();
        assertThat(leases.leased("000660")).isTrue();
    }

    @Test
    void aLeaseNotRenewedRunsOutAndARenewedOneDoesNot() {
        TickLeases leases = new TickLeases();
        leases.grant("demo/gone", List.of("005930", "000660"), T0.plusSeconds(60));
        leases.grant("demo/alive", List.of("000660"), T0.plusSeconds(60));
        leases.grant("demo/alive", List.of("000660"), T0.plusSeconds(120));
        TickLeases.Expiry expiry = leases.expire(T0.plusSeconds(60));
        assertThat(expiry.expired()).extracting(TickLease::subscriber).containsOnly("demo/gone");
        assertThat(expiry.expired()).hasSize(2);
        assertThat(expiry.unleased()).containsExactly("005930");
        assertThat(leases.symbols()).containsExactly("000660");
        assertThat(leases.expire(T0.plusSeconds(119)).expired()).isEmpty();
        assertThat(leases.expire(T0.plusSeconds(120)).unleased()).containsExactly("000660");
    }

    @Test
    void aRenewalNeverShortensALease() {
        TickLeases leases = new TickLeases();
        leases.grant("demo/a", List.of("005930"), T0.plusSeconds(120));
        leases.grant("demo/a", List.of("005930"), T0.plusSeconds(60));
        assertThat(leases.expire(T0.plusSeconds(60)).expired()).isEmpty();
    }

    @Test
    void subscribersOfTwoStrategiesAreApart() {
        assertThat(TickLease.subscriberKey("s1", "main")).isNotEqualTo(TickLease.subscriberKey("s2", "main"));
    }
}
