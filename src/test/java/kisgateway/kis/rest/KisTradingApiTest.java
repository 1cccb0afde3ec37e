package kisgateway.kis.rest;

import static kisgateway.kis.ScriptedHttpServer.Reply.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import kisgateway.kis.LogCapture;
import kisgateway.kis.OrderExchange;
import kisgateway.kis.OrderSide;
import kisgateway.kis.ScriptedHttpServer;
import kisgateway.kis.ScriptedHttpServer.Reply;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisException;
import kisgateway.kis.error.KisInvalidRequest;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.KisTokenRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KisTradingApiTest {

    private static final String ORDER_CASH = "/uapi/domestic-stock/v1/trading/order-cash";
    private static final String RVSECNCL = "/uapi/domestic-stock/v1/trading/order-rvsecncl";
    private static final String ACK = "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"주문 전송 완료 되었습니다.   \","
            + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06010\",\"ODNO\":\"0001569157\",\"ORD_TMD\":\"094941\"}}";

    private RestFixture kis;

    @BeforeEach
    void start() throws Exception {
        kis = new RestFixture();
    }

    @AfterEach
    void stop() {
        kis.close();
    }

    private JsonNode body(ScriptedHttpServer.Received request) throws Exception {
        return kis.json.readTree(request.body());
    }

    @Test
    void limitBuySendsTheExactHeadersAndAnUppercaseAllStringBody() throws Exception {
        kis.server.on(ORDER_CASH, r -> json(200, ACK));
        OrderAck ack = kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 10, new BigDecimal("71900.00")), CallTerms.order());

        assertThat(ack.orgNo()).isEqualTo("06010");
        assertThat(ack.orderNo()).isEqualTo("0001569157");
        assertThat(ack.acceptedAt()).isEqualTo(ZonedDateTime.parse("2026-07-09T09:49:41+09:00[Asia/Seoul]"));
        assertThat(ack.msgCd()).isEqualTo("APBK0013");
        assertThat(ack.msg1()).isEqualTo("주문 전송 완료 되었습니다.");

        ScriptedHttpServer.Received request = kis.server.received(ORDER_CASH).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.header("authorization")).isEqualTo("Bearer tok-1-eyJhbGciOiJSUzI1NiJ9.payload");
        assertThat(request.header("appkey")).isEqualTo(RestFixture.APP_KEY);
        assertThat(request.header("appsecret")).isEqualTo(RestFixture.APP_SECRET);
        assertThat(request.header("tr_id")).isEqualTo("TTTC0012U");
        assertThat(request.header("custtype")).isEqualTo("P");
        assertThat(request.header("tr_cont")).isEqualTo("");
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactly("CANO", "ACNT_PRDT_CD", "PDNO", "ORD_DVSN", "ORD_QTY", "ORD_UNPR");
        body.fields().forEachRemaining(f -> assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
        assertThat(body.path("CANO").asText()).isEqualTo(RestFixture.CANO);
        assertThat(body.path("ACNT_PRDT_CD").asText()).isEqualTo("01");
        assertThat(body.path("PDNO").asText()).isEqualTo("005930");
        assertThat(body.path("ORD_DVSN").asText()).isEqualTo("00");
        assertThat(body.path("ORD_QTY").asText()).isEqualTo("10");
        assertThat(body.path("ORD_UNPR").asText()).isEqualTo("71900");
        assertThat(kis.permits("ORDER")).isEqualTo(1);
    }

    @Test
    void marketSellWithSellTypeOnNxt() throws Exception {
        kis.server.on(ORDER_CASH, r -> json(200, ACK));
        CashOrder order = new CashOrder(OrderSide.SELL, "005930", OrderDivision.MARKET, 3, BigDecimal.ZERO,
                SellType.NORMAL, null, OrderExchange.NXT);
        kis.trading.placeCashOrder(kis.account, order, CallTerms.order());
        ScriptedHttpServer.Received request = kis.server.received(ORDER_CASH).get(0);
        assertThat(request.header("tr_id")).isEqualTo("TTTC0011U");
        JsonNode body = body(request);
        assertThat(body.path("ORD_DVSN").asText()).isEqualTo("01");
        assertThat(body.path("ORD_UNPR").asText()).isEqualTo("0");
        assertThat(body.path("SLL_TYPE").asText()).isEqualTo("01");
        assertThat(body.path("EXCG_ID_DVSN_CD").asText()).isEqualTo("NXT");
    }

    @Test
    void stopLimitCarriesItsConditionPrice() throws Exception {
        kis.server.on(ORDER_CASH, r -> json(200, ACK));
        kis.trading.placeCashOrder(kis.account, new CashOrder(OrderSide.BUY, "005930", OrderDivision.STOP_LIMIT, 1,
                new BigDecimal("72000"), null, new BigDecimal("71500"), OrderExchange.KRX), CallTerms.order());
        JsonNode body = body(kis.server.received(ORDER_CASH).get(0));
        assertThat(body.path("ORD_DVSN").asText()).isEqualTo("22");
        assertThat(body.path("CNDT_PRIC").asText()).isEqualTo("71500");
        assertThat(body.path("EXCG_ID_DVSN_CD").asText()).isEqualTo("KRX");
    }

    @Test
    void paperUsesVTrsAndRefusesNxtLocally() throws Exception {
        try (RestFixture paper = new RestFixture(true, 10)) {
            paper.server.on(ORDER_CASH, r -> json(200, ACK.replace("06010", "00950")));
            OrderAck ack = paper.trading.placeCashOrder(paper.account,
                    CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("100")), CallTerms.order());
            assertThat(ack.orgNo()).isEqualTo("00950");
            assertThat(paper.server.received(ORDER_CASH).get(0).header("tr_id")).isEqualTo("VTTC0012U");
            assertThatThrownBy(() -> paper.trading.placeCashOrder(paper.account,
                    CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("100")).on(OrderExchange.NXT),
                    CallTerms.order())).isInstanceOf(KisInvalidRequest.class);
            assertThat(paper.server.received(ORDER_CASH)).hasSize(1);
        }
    }

    @Test
    void revisionSendsTheRvsecnclBodyAndReturnsTheNewOrderNumber() throws Exception {
        kis.server.on(RVSECNCL, r -> json(200, ACK.replace("0001569157", "0001569139")));
        OrderAck ack = kis.trading.reviseOrder(kis.account,
                OrderRevision.partTo("06010", "0001569136", OrderDivision.LIMIT, 5, new BigDecimal("71800")),
                CallTerms.order());
        assertThat(ack.orderNo()).isEqualTo("0001569139");
        ScriptedHttpServer.Received request = kis.server.received(RVSECNCL).get(0);
        assertThat(request.header("tr_id")).isEqualTo("TTTC0013U");
        JsonNode body = body(request);
        assertThat(fieldNames(body)).containsExactly("CANO", "ACNT_PRDT_CD", "KRX_FWDG_ORD_ORGNO", "ORGN_ODNO",
                "ORD_DVSN", "RVSE_CNCL_DVSN_CD", "ORD_QTY", "ORD_UNPR", "QTY_ALL_ORD_YN");
        assertThat(body.path("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("06010");
        assertThat(body.path("ORGN_ODNO").asText()).isEqualTo("0001569136");
        assertThat(body.path("RVSE_CNCL_DVSN_CD").asText()).isEqualTo("01");
        assertThat(body.path("ORD_QTY").asText()).isEqualTo("5");
        assertThat(body.path("ORD_UNPR").asText()).isEqualTo("71800");
        assertThat(body.path("QTY_ALL_ORD_YN").asText()).isEqualTo("N");
    }

    @Test
    void cancelAllRemainingSendsZeroQuantityAndPrice() throws Exception {
        kis.server.on(RVSECNCL, r -> json(200, ACK));
        kis.trading.cancelOrder(kis.account, OrderCancellation.allRemaining("06010", "0001569136", OrderDivision.LIMIT),
                CallTerms.order());
        JsonNode body = body(kis.server.received(RVSECNCL).get(0));
        assertThat(body.path("RVSE_CNCL_DVSN_CD").asText()).isEqualTo("02");
        assertThat(body.path("ORD_QTY").asText()).isEqualTo("0");
        assertThat(body.path("ORD_UNPR").asText()).isEqualTo("0");
        assertThat(body.path("QTY_ALL_ORD_YN").asText()).isEqualTo("Y");
        assertThat(body.path("ORD_DVSN").asText()).isEqualTo("00");
    }

    @Test
    void aBusinessRejectIsTypedAndNotRetried() {
        kis.server.on(ORDER_CASH, r -> json(200,
                "{\"rt_cd\":\"7\",\"msg_cd\":\"APBK0952\",\"msg1\":\"주문가능금액을 초과 했습니다          \"}"));
        assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                CashOrder.market(OrderSide.BUY, "005930", 1000), CallTerms.order()))
                .isInstanceOfSatisfying(KisBusinessReject.class, e -> {
                    assertThat(e.msgCd()).isEqualTo("APBK0952");
                    assertThat(e.msg1()).isEqualTo("주문가능금액을 초과 했습니다");
                });
        assertThat(kis.server.received(ORDER_CASH)).hasSize(1);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheOrderRetriedOnce() {
        Iterator<Reply> replies = List.of(
                json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}"),
                json(200, ACK)).iterator();
        kis.server.on(ORDER_CASH, r -> replies.next());
        OrderAck ack = kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order());
        assertThat(ack.orderNo()).isEqualTo("0001569157");
        List<ScriptedHttpServer.Received> requests = kis.server.received(ORDER_CASH);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).header("authorization")).startsWith("Bearer tok-1");
        assertThat(requests.get(1).header("authorization")).startsWith("Bearer tok-2");
        assertThat(kis.permits("ORDER")).isEqualTo(2);
    }

    @Test
    void aSecondTokenRefusalGoesToTheCaller() {
        kis.server.on(ORDER_CASH, r -> json(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00121\",\"msg1\":\"유효하지 않은 token 입니다.\"}"));
        assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order()))
                .isInstanceOf(KisTokenRejected.class);
        assertThat(kis.server.received(ORDER_CASH)).hasSize(2);
    }

    @Test
    void rateLimitIsCountedAndNotRetriedHere() {
        kis.server.on(ORDER_CASH, r -> json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}"));
        assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order()))
                .isInstanceOf(KisRateLimited.class);
        assertThat(kis.server.received(ORDER_CASH)).hasSize(1);
        assertThat(kis.meters.get("kis.budget.egw00201").counter().count()).isEqualTo(1);
    }

    @Test
    void unknownServerErrorsAndTimeoutsAreAmbiguousAndSentOnce() {
        kis.server.on(ORDER_CASH, r -> json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"XYZ00001\",\"msg1\":\"처리중 오류\"}"));
        assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order()))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> assertThat(e.safeToResend()).isFalse());
        CountDownLatch release = new CountDownLatch(1);
        kis.server.on(ORDER_CASH, r -> Reply.hang(release));
        try {
            assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                    CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order()))
                    .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e ->
                            assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND));
        } finally {
            release.countDown();
        }
        assertThat(kis.server.received(ORDER_CASH)).hasSize(2);
    }

    @Test
    void anAcceptedOrderWhoseNumberWeCannotReadIsAmbiguous() {
        kis.server.on(ORDER_CASH, r -> json(200, "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"ok\","
                + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06010\",\"ORD_TMD\":\"094941\"}}"));
        assertThatThrownBy(() -> kis.trading.placeCashOrder(kis.account,
                CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order()))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                    assertThat(e.reason()).isEqualTo(KisAmbiguousOutcome.Reason.MISSING_FIELD);
                    assertThat(e).hasMessageContaining("ODNO");
                });
    }

    @Test
    void requestsKisWouldRejectAreRefusedBeforeSending() {
        List<Runnable> bad = List.of(
                () -> kis.trading.placeCashOrder(kis.account,
                        CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900.5")), CallTerms.order()),
                () -> kis.trading.placeCashOrder(kis.account,
                        CashOrder.limit(OrderSide.BUY, "005930", 0, new BigDecimal("71900")), CallTerms.order()),
                () -> kis.trading.placeCashOrder(kis.account,
                        CashOrder.limit(OrderSide.BUY, "005930", 1, BigDecimal.ZERO), CallTerms.order()),
                () -> kis.trading.placeCashOrder(kis.account, new CashOrder(OrderSide.BUY, "005930",
                        OrderDivision.STOP_LIMIT, 1, new BigDecimal("100"), null, null, null), CallTerms.order()),
                () -> kis.trading.placeCashOrder(kis.account,
                        CashOrder.limit(OrderSide.BUY, "5930", 1, new BigDecimal("100")), CallTerms.order()),
                () -> kis.trading.reviseOrder(kis.account,
                        OrderRevision.partTo("06010", "1", OrderDivision.LIMIT, 0, new BigDecimal("100")),
                        CallTerms.order()));
        for (Runnable call : bad) {
            assertThatThrownBy(call::run).isInstanceOf(KisInvalidRequest.class);
        }
        assertThat(kis.server.received()).isEmpty();
    }

    /** Planted secrets (app key, secret, token, account number, HTS ID) never reach a log line or a message. */
    @Test
    void noSecretInLogsOrExceptionMessages() {
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            List<Reply> failures = List.of(
                    json(200, "{\"rt_cd\":\"7\",\"msg_cd\":\"APBK0952\",\"msg1\":\"주문가능금액을 초과 했습니다\"}"),
                    json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}"),
                    json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}"),
                    json(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00103\",\"msg1\":\"유효하지 않은 AppKey입니다.\"}"),
                    json(502, "oops " + RestFixture.APP_SECRET),
                    json(200, "{\"rt_cd\":\"0\",\"output\":{}}"));
            for (Reply failure : failures) {
                kis.server.on(ORDER_CASH, r -> failure);
                try {
                    kis.trading.placeCashOrder(kis.account,
                            CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("71900")), CallTerms.order());
                } catch (KisException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        texts.add(t.toString());
                    }
                }
            }
            texts.addAll(logs.lines());
        }
        texts.add(kis.account.toString());
        assertThat(texts).hasSizeGreaterThan(6).allSatisfy(text -> assertThat(text)
                .doesNotContain(RestFixture.APP_KEY).doesNotContain(RestFixture.APP_SECRET.substring(0, 16))
                .doesNotContain("eyJhbGciOiJSUzI1NiJ9").doesNotContain(RestFixture.CANO)
                .doesNotContain(RestFixture.HTS_ID));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
