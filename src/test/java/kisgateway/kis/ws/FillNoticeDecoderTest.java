package kisgateway.kis.ws;

import static kisgateway.kis.ws.NoticeSamples.acceptance26;
import static kisgateway.kis.ws.NoticeSamples.fill23;
import static kisgateway.kis.ws.NoticeSamples.fill26;
import static kisgateway.kis.ws.NoticeSamples.join;
import static kisgateway.kis.ws.NoticeSamples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.OrderSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FillNoticeDecoderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 7, 9);
    private final FillNoticeDecoder decoder = new FillNoticeDecoder();
    private final RealtimeFrameParser parser = new RealtimeFrameParser(new ObjectMapper());

    private List<ExecutionNotice> decodePlain(String payload, int count) throws MalformedNotice {
        return decoder.decodePayload(payload, count, DAY, payload);
    }

    @Test
    void aFillOfTheCurrentLayout() throws Exception {
        FillNotice fill = (FillNotice) decodePlain(join(fill26()), 1).get(0);
        NoticeOrder order = fill.order();
        assertThat(fill.quantity()).isEqualTo(1);
        assertThat(fill.price()).isEqualByComparingTo("3190");
        assertThat(order.cano().reveal()).isEqualTo("81055689");
        assertThat(order.productCode()).isEqualTo("01");
        assertThat(order.orderNo()).isEqualTo("0000002891");
        assertThat(order.originalOrderNo()).isEmpty();
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(order.action()).isEqualTo(NoticeAction.NEW);
        assertThat(order.symbol()).isEqualTo("136480");
        assertThat(order.symbolName()).isEqualTo("하림");
        assertThat(order.occurredAt()).isEqualTo(ZonedDateTime.parse("2026-07-09T09:49:41+09:00[Asia/Seoul]"));
        assertThat(order.branch()).isEqualTo("06010");
        assertThat(order.orderQuantity()).isEqualTo(1);
        assertThat(order.orderPrice()).isEqualByComparingTo("3190");
        assertThat(order.exchange()).isEqualTo(NoticeExchange.KRX);
        assertThat(order.fieldCount()).isEqualTo(26);
        assertThat(order.toString()).doesNotContain("81055689");
    }

    @Test
    void theOld23FieldLayoutStillDecodes() throws Exception {
        FillNotice fill = (FillNotice) decodePlain(join(fill23()), 1).get(0);
        assertThat(fill.quantity()).isEqualTo(1);
        assertThat(fill.price()).isEqualByComparingTo("3190");
        assertThat(fill.order().symbolName()).isEqualTo("하림");
        assertThat(fill.order().orderPrice()).isEqualByComparingTo("3190");
        assertThat(fill.order().exchange()).isEqualTo(NoticeExchange.UNSPECIFIED);
        assertThat(fill.order().fieldCount()).isEqualTo(23);
    }

    @Test
    void anAcceptanceCarriesTheOrdersQuantityAndPrice() throws Exception {
        AcceptanceNotice accepted = (AcceptanceNotice) decodePlain(join(acceptance26()), 1).get(0);
        assertThat(accepted.stage()).isEqualTo(AcceptanceStage.RECEIVED);
        assertThat(accepted.quantity()).isEqualTo(7);
        assertThat(accepted.price()).isEqualByComparingTo(new BigDecimal("71900"));
        assertThat(accepted.order().side()).isEqualTo(OrderSide.SELL);
        assertThat(accepted.order().exchange()).isEqualTo(NoticeExchange.NXT);
    }

    @Test
    void rejectionWinsOverTheAcceptanceFlag() throws Exception {
        ExecutionNotice notice = decodePlain(join(with(acceptance26(), 12, "1")), 1).get(0);
        assertThat(notice).isInstanceOf(RejectionNotice.class);
        assertThat(((RejectionNotice) notice).quantity()).isEqualTo(7);
    }

    @ParameterizedTest(name = "RCTF_CLS {0}")
    @CsvSource({"0, NEW", "1, REVISE", "2, CANCEL"})
    void revisionAndCancellationNotices(String code, NoticeAction action) throws Exception {
        String[] record = with(with(acceptance26(), 5, code), 3, code.equals("0") ? "" : "0000002899");
        assertThat(decodePlain(join(record), 1).get(0).order().action()).isEqualTo(action);
    }

    @ParameterizedTest(name = "ACPT_YN {0}")
    @CsvSource({"1, RECEIVED", "2, CONFIRMED", "3, IOC_FOK_CANCELLED", "9, UNKNOWN"})
    void acceptanceStages(String code, AcceptanceStage stage) throws Exception {
        AcceptanceNotice notice = (AcceptanceNotice) decodePlain(join(with(acceptance26(), 14, code)), 1).get(0);
        assertThat(notice.stage()).isEqualTo(stage);
    }

    @ParameterizedTest(name = "ORD_EXG_GB {0}")
    @CsvSource({"1, KRX", "2, NXT", "3, SOR_KRX", "4, SOR_NXT", "'', UNSPECIFIED"})
    void exchanges(String code, NoticeExchange exchange) throws Exception {
        assertThat(decodePlain(join(with(fill26(), 19, code)), 1).get(0).order().exchange()).isEqualTo(exchange);
    }

    @Test
    void severalRecordsInOneFrameKeepTheirOrder() throws Exception {
        String[] second = with(with(fill26(), 2, "0000002892"), 9, "0000000003");
        List<ExecutionNotice> notices = decodePlain(join(acceptance26(), fill26(), second), 3);
        assertThat(notices).hasSize(3);
        assertThat(notices.get(0)).isInstanceOf(AcceptanceNotice.class);
        assertThat(((FillNotice) notices.get(2)).quantity()).isEqualTo(3);
        assertThat(notices.get(2).order().orderNo()).isEqualTo("0000002892");
    }

    @Test
    void mixedLayoutsInOneFrameAreMalformed() {
        assertThatThrownBy(() -> decodePlain(join(fill26(), fill23()), 2))
                .isInstanceOf(MalformedNotice.class).hasMessageContaining("do not split");
    }

    @Test
    void encryptedFramesDecode() throws Exception {
        String raw = "1|H0STCNI0|002|" + NoticeSamples.encrypt(join(fill26(), acceptance26()));
        RealtimeFrame.DataFrame frame = (RealtimeFrame.DataFrame) parser.parse(raw);
        List<ExecutionNotice> notices = decoder.decode(frame, new NoticeCipher(NoticeSamples.KEY, NoticeSamples.IV), DAY);
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).isInstanceOf(FillNotice.class);
        assertThat(notices.get(1)).isInstanceOf(AcceptanceNotice.class);
        assertThatThrownBy(() -> decoder.decode(frame, null, DAY)).isInstanceOf(MalformedNotice.class)
                .hasMessageContaining("before any subscription key");
    }

    @Test
    void unknownFieldCountsAreMalformedWithTheReasonAndTheRawFrame() {
        String[] grown = Arrays.copyOf(fill26(), 27);
        grown[26] = "X";
        String payload = join(grown);
        assertThatThrownBy(() -> decodePlain(payload, 1)).isInstanceOfSatisfying(MalformedNotice.class, e -> {
            assertThat(e.reason()).contains("27 fields");
            assertThat(e.rawFrame()).isEqualTo(payload);
            assertThat(e.getMessage()).doesNotContain("8105568901");
        });
    }

    @Test
    void unreadableFieldsAreMalformedNotCrashes() {
        List<String[]> bad = List.of(
                with(fill26(), 1, "81055689"),
                with(fill26(), 2, ""),
                with(fill26(), 4, "03"),
                with(fill26(), 5, "7"),
                with(fill26(), 9, "12a"),
                with(fill26(), 10, "3,190"),
                with(fill26(), 11, "0949"),
                with(fill26(), 11, "256000"),
                with(fill26(), 13, "0"));
        for (String[] record : bad) {
            assertThatThrownBy(() -> decodePlain(join(record), 1)).isInstanceOf(MalformedNotice.class);
        }
        assertThatThrownBy(() -> decodePlain("", 1)).isInstanceOf(MalformedNotice.class);
        assertThatThrownBy(() -> decodePlain(join(fill26()), 0)).isInstanceOf(MalformedNotice.class);
    }
}
