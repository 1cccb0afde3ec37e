package kisgateway.sim;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.PriceBand;
import kisgateway.sim.market.PricePath;
import kisgateway.sim.market.TickSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The KRX tables the matching relies on, and the reproducibility of the seeded path. */
class PricePathTest {

    @Test
    void tickSizesFollowTheUnifiedKrxTable() {
        assertThat(TickSize.at(1_999)).isEqualTo(1);
        assertThat(TickSize.at(2_000)).isEqualTo(5);
        assertThat(TickSize.at(4_995)).isEqualTo(5);
        assertThat(TickSize.at(5_000)).isEqualTo(10);
        assertThat(TickSize.at(19_990)).isEqualTo(10);
        assertThat(TickSize.at(20_000)).isEqualTo(50);
        assertThat(TickSize.at(49_950)).isEqualTo(50);
        assertThat(TickSize.at(50_000)).isEqualTo(100);
        assertThat(TickSize.at(199_900)).isEqualTo(100);
        assertThat(TickSize.at(200_000)).isEqualTo(500);
        assertThat(TickSize.at(499_500)).isEqualTo(500);
        assertThat(TickSize.at(500_000)).isEqualTo(1_000);
        assertThat(TickSize.step(2_000, -1)).isEqualTo(1_999);
        assertThat(TickSize.step(1_999, 1)).isEqualTo(2_000);
        assertThat(TickSize.step(5_000, -1)).isEqualTo(4_995);
    }

    @Test
    void dailyBandsRoundInwardToATick() {
        assertThat(PriceBand.around(71_900)).isEqualTo(new PriceBand(71_900, 50_400, 93_400));
        // each limit is rounded to the quotation unit of its own price level: 149,800 sits on a 100 tick
        assertThat(PriceBand.around(214_000)).isEqualTo(new PriceBand(214_000, 149_800, 278_000));
        assertThat(PriceBand.around(612)).isEqualTo(new PriceBand(612, 429, 795));
    }

    @Test
    void theSameSeedDrawsTheSamePath() {
        Instrument samsung = new Instrument("005930", "삼성전자", 71_900);
        assertThat(walk(new PricePath(samsung, 7))).isEqualTo(walk(new PricePath(samsung, 7)))
                .isNotEqualTo(walk(new PricePath(samsung, 8)));
    }

    private static List<Long> walk(PricePath path) {
        List<Long> prices = new ArrayList<>();
        long p = 71_900;
        for (int i = 0; i < 500; i++) {
            p = path.next(p).price();
            assertThat(TickSize.isOnTick(p)).isTrue();
            prices.add(p);
        }
        return prices;
    }
}
