package kisgateway.kis.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradePrintDecoderTest {

    private final TradePrintDecoder decoder = new TradePrintDecoder();

    /**
     * A record shaped like the portal's example H0STCNT0 frame (docs/architecture.md#realtime-socket): 46 fields,
     * code/time/price first, hour class at 43.
     */
    private static List<String> record(String symbol, String time, String price, String hourClass) {
        List<String> f = new ArrayList<>(Collections.nCopies(46, "0"));
        f.set(0, symbol);
        f.set(1, time);
        f.set(2, price);
        f.set(3, "5");
        f.set(4, "-100");
        f.set(5, "-0.14");
        f.set(12, "15");
        f.set(13, "1204937");
        f.set(33, "20230612");
        f.set(34, "20");
        f.set(35, "N");
        f.set(43, hourClass);
        f.set(44, "");
        return f;
    }

    private static RealtimeFrame.DataFrame frame(boolean encrypted, String trId, List<List<String>> records) {
        List<String> all = new ArrayList<>();
        records.forEach(all::addAll);
        String payload = String.join("^", all);
        String raw = (encrypted ? "1" : "0") + "|" + trId + "|" + String.format("%03d", records.size()) + "|" + payload;
        return new RealtimeFrame.DataFrame(encrypted, trId, records.size(), payload, raw);
    }

    @Test
    void readsEveryRecordOfAFrameInOrder() throws Exception {
        List<TradePrint> prints = decoder.decode(frame(false, "H0STCNT0", List.of(
                record("005930", "093354", "71900", "0"),
                record("010140", "093355", "11250", "0"))));
        assertThat(prints).containsExactly(
                new TradePrint("005930", 71900, LocalTime.of(9, 33, 54), true, 15, 1204937),
                new TradePrint("010140", 11250, LocalTime.of(9, 33, 55), true, 15, 1204937));
    }

    @Test
    void anUnreadableVolumeIsUnknownAndThePriceStillCounts() throws Exception {
        List<String> r = record("005930", "093354", "71900", "0");
        r.set(12, "");
        r.set(13, "x");
        assertThat(decoder.decode(frame(false, "H0STCNT0", List.of(r)))).containsExactly(
                new TradePrint("005930", 71900, LocalTime.of(9, 33, 54), true, -1, -1));
    }

    @Test
    void expectedPricesOfAnAuctionAreNotTrades() throws Exception {
        for (String auction : List.of("A", "B", "C", "D")) {
            assertThat(decoder.decode(frame(false, "H0STCNT0", List.of(record("005930", "085959", "72000", auction))))
                    .get(0).trade()).as(auction).isFalse();
        }
    }

    @Test
    void aFrameOfAnyOtherShapeIsMalformedWithItsReason() {
        List<String> short45 = new ArrayList<>(record("005930", "093354", "71900", "0"));
        short45.remove(45);
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STCNT0", List.of(short45))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("45 fields");
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STCNT0", List.of(record("005930", "093354", "7l900", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("price");
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STCNT0", List.of(record("005930", "093354", "0", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("price");
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STCNT0", List.of(record("005930", "0933", "71900", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("time");
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STCNT0", List.of(record("", "093354", "71900", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("symbol");
        assertThatThrownBy(() -> decoder.decode(frame(true, "H0STCNT0", List.of(record("005930", "093354", "71900", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> decoder.decode(frame(false, "H0STASP0", List.of(record("005930", "093354", "71900", "0")))))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("H0STASP0");
    }

    @Test
    void theIntegratedKrxAndNxtStreamIsReadAlike() throws Exception {
        assertThat(decoder.decode(frame(false, "H0UNCNT0", List.of(record("005930", "201500", "71800", "0")))))
                .extracting(TradePrint::symbol, TradePrint::price, TradePrint::trade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("005930", 71800L, true));
        assertThat(TradePrintDecoder.isTradeTr("H0UNCNT0")).isTrue();
        assertThat(TradePrintDecoder.isTradeTr("H0NXCNT0")).isFalse();
    }

    @Test
    void theRawFrameTravelsWithTheError() {
        RealtimeFrame.DataFrame bad = frame(false, "H0STCNT0", List.of(record("005930", "093354", "x", "0")));
        assertThatThrownBy(() -> decoder.decode(bad)).isInstanceOfSatisfying(MalformedNotice.class,
                e -> assertThat(e.rawFrame()).isEqualTo(bad.raw()));
    }
}
