package kisgateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import kisgateway.kis.ws.TradePrint;
import org.junit.jupiter.api.Test;

class TickOutboxTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:30:00Z"), ZoneOffset.UTC);

    @Test
    void onlyTradesOfLeasedSymbolsAreTakenWithTheirKstTime() {
        TickOutbox outbox = new TickOutbox(10, Set.of("005930")::contains, "KRX", CLOCK);
        outbox.offer(List.of(new TradePrint("005930", 71900, LocalTime.of(9, 33, 54), true, 12, 3052507),
                new TradePrint("000660", 120000, LocalTime.of(9, 33, 54), true, 1, 1),
                new TradePrint("005930", 72000, LocalTime.of(9, 33, 55), false, 0, 3052507)));
        List<TickMessage> ticks = outbox.drain(100);
        assertThat(ticks).hasSize(1);
        TickMessage t = ticks.get(0);
        assertThat(t.getSymbol()).isEqualTo("005930");
        assertThat(t.getPrice()).isEqualTo(71900);
        assertThat(t.getQuantity()).isEqualTo(12);
        assertThat(t.getTime()).isEqualTo("2026-12-07T09:33:54+09:00");
        assertThat(t.getExchange()).isEqualTo("KRX");
        assertThat(t.getJson()).isEqualTo("{\"symbol\":\"005930\",\"price\":\"71900\",\"quantity\":12,"
                + "\"cumulativeVolume\":3052507,\"time\":\"2026-12-07T09:33:54+09:00\",\"exchange\":\"KRX\"}");
        assertThat(outbox.drain(100)).isEmpty();
    }

    @Test
    void aFullOutboxDropsAndCountsInsteadOfWaiting() {
        TickOutbox outbox = new TickOutbox(2, s -> true, "KRX", CLOCK);
        for (int i = 0; i < 5; i++) {
            outbox.offer(List.of(new TradePrint("005930", 71900 + i, LocalTime.of(9, 0), true, 1, i)));
        }
        assertThat(outbox.dropped()).isEqualTo(3);
        assertThat(outbox.drain(1)).extracting(TickMessage::getPrice).containsExactly(71900L);
        assertThat(outbox.drain(10)).extracting(TickMessage::getPrice).containsExactly(71901L);
    }
}
