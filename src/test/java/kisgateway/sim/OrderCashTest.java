package kisgateway.sim;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** order-cash over HTTP: booking, buying power, validation, matching, and what the truth says afterwards. */
class OrderCashTest {
    private static final SimAccount SMALL = new SimAccount("PSSMALLCASHKEY0000000000000000000001", "small-secret",
            "smallhts", "50000009");
    private static KisSimulator sim;
    private static KisTestClient client;
    private static KisTestClient small;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(SimAccount.demo(), SMALL))
                .restLimitPerSecond(0).pricePathFrozen(true).firstOrderNumber(1_569_136).build());
        client = new KisTestClient(sim).login();
        small = new KisTestClient(sim.restBaseUrl(), SMALL).login();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String odno(KisTestClient.Reply r) {
        assertThat(r.rtCd()).as(r.raw()).isEqualTo("0");
        return r.body().path("output").path("ODNO").asText();
    }

    @Test
    void aRestingLimitBuyFillsAtItsPriceWhenATradePrintsThere() {
        KisTestClient.Reply r = client.order(true, "000660", "00", 3, 215_000);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.msgCd()).isEqualTo("APBK0013");
        assertThat(r.text("msg1")).isEqualTo("주문 전송 완료 되었습니다.");
        JsonNode output = r.body().path("output");
        assertThat(output.path("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("06010");
        assertThat(output.path("ODNO").asText()).matches("\\d{10}");
        assertThat(output.path("ORD_TMD").asText()).matches("\\d{6}");
        String odno = odno(r);
        assertThat(client.truthOrder(odno).path("state").asText()).isEqualTo("OPEN");
        long reservedBefore = client.truth().path("cash").path("reserved").asLong();
        assertThat(reservedBefore).isGreaterThanOrEqualTo(3 * 215_000L);

        client.adminPost("/market/print", Map.of("symbol", "000660", "price", 214_500, "qty", 10));

        JsonNode order = client.truthOrder(odno);
        assertThat(order.path("state").asText()).isEqualTo("FILLED");
        assertThat(order.path("filledQty").asLong()).isEqualTo(3);
        assertThat(order.path("avgPrice").asLong()).isEqualTo(215_000);
        assertThat(client.truth().path("cash").path("reserved").asLong()).isEqualTo(reservedBefore - 3 * 215_000L);
    }

    @Test
    void aMarketBuyFillsAtOnceAtTheLastPrice() {
        String odno = odno(client.order(true, "035420", "01", 2, 0));
        JsonNode order = client.truthOrder(odno);
        assertThat(order.path("state").asText()).isEqualTo("FILLED");
        assertThat(order.path("avgPrice").asLong()).isEqualTo(211_000);
        assertThat(order.path("price").asLong()).isZero();
    }

    @Test
    void aMarketBuyIsMarginedAtTheUpperLimit() {
        small.adminPost("/accounts/" + SMALL.cano() + "/cash", Map.of("set", 1_000_000));
        // 12 × 71,900 = 862,800 fits; 12 × the upper limit 93,400 = 1,120,800 does not.
        KisTestClient.Reply market = small.order(true, "005930", "01", 12, 0);
        assertThat(market.status()).isEqualTo(200);
        assertThat(market.rtCd()).isEqualTo("7");
        assertThat(market.msgCd()).isEqualTo("APBK0952");
        assertThat(market.text("msg1")).contains("주문가능금액을 초과");
        String limit = odno(small.order(true, "005930", "00", 12, 71_900));
        assertThat(small.truthOrder(limit).path("state").asText()).isEqualTo("FILLED");
        assertThat(small.truth().path("cash").path("settled").asLong()).isEqualTo(1_000_000 - 862_800);
    }

    @Test
    void sellsNeedShares() {
        KisTestClient.Reply naked = client.order(false, "051910", "00", 1, 312_500);
        assertThat(naked.rtCd()).isEqualTo("1");
        assertThat(naked.msgCd()).isEqualTo("APBK0400");
        odno(client.order(true, "051910", "01", 10, 0));
        String sell = odno(client.order(false, "051910", "00", 4, 312_500));
        assertThat(client.truthOrder(sell).path("state").asText()).isEqualTo("FILLED");
        JsonNode position = positionOf(client.truth(), "051910");
        assertThat(position.path("qty").asLong()).isEqualTo(6);
        assertThat(position.path("averagePrice").decimalValue()).isEqualByComparingTo("312500");
        assertThat(client.order(false, "051910", "00", 7, 312_500).msgCd()).isEqualTo("APBK0400");
    }

    @Test
    void pricesMustSitOnATickInsideTheDailyBand() {
        KisTestClient.Reply offTick = client.order(true, "005380", "00", 1, 213_700);
        assertThat(offTick.rtCd()).isEqualTo("1");
        assertThat(offTick.msgCd()).isEqualTo("APBK0517");
        // 005380 closed at 214,000: the band is 149,800 .. 278,000 (±30 %, each rounded inward to its own tick).
        assertThat(client.order(true, "005380", "00", 1, 278_500).msgCd()).isEqualTo("APBK0518");
        assertThat(client.order(true, "005380", "00", 1, 149_700).msgCd()).isEqualTo("APBK0518");
        assertThat(client.order(true, "005380", "00", 1, 278_000).rtCd()).isEqualTo("0");
        KisTestClient.Reply noQty = client.order(true, "005380", "00", 0, 214_000);
        assertThat(noQty.msgCd()).isEqualTo("APBK0506");
        assertThat(noQty.text("msg1")).isEqualTo("주문수량을 확인 하여 주십시요.");
        assertThat(client.order(true, "999999", "00", 1, 1_000).msgCd()).isEqualTo("APBK0656");
    }

    @Test
    void bodyKeysMustBeUppercaseStringsForAnAccountOfTheKey() {
        Map<String, Object> lower = Map.of("cano", "50000001", "acnt_prdt_cd", "01", "pdno", "005930",
                "ord_dvsn", "00", "ord_qty", "1", "ord_unpr", "71900");
        KisTestClient.Reply r = client.post(KisTestClient.TRADING + "order-cash", "TTTC0012U", lower);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.rtCd()).isEqualTo("2");
        assertThat(r.msgCd()).isEqualTo("OPSQ2002");

        Map<String, Object> numbers = new java.util.LinkedHashMap<>(client.orderBody("005930", "00", 1, 71_900));
        numbers.put("ORD_QTY", 1);
        assertThat(client.post(KisTestClient.TRADING + "order-cash", "TTTC0012U", numbers).msgCd())
                .isEqualTo("OPSQ2002");

        Map<String, String> otherAccount = client.orderBody("005930", "00", 1, 71_900);
        otherAccount.put("CANO", SMALL.cano());
        KisTestClient.Reply foreign = client.post(KisTestClient.TRADING + "order-cash", "TTTC0012U", otherAccount);
        assertThat(foreign.msgCd()).isEqualTo("OPSQ2000");
        assertThat(foreign.text("msg1")).isEqualTo("ERROR : INPUT INVALID_CHECK_ACNO");
    }

    @Test
    void oldTrIdsStillTrade() {
        String buy = odno(client.post(KisTestClient.TRADING + "order-cash", "TTTC0802U",
                client.orderBody("068270", "01", 5, 0)));
        String sell = odno(client.post(KisTestClient.TRADING + "order-cash", "TTTC0801U",
                client.orderBody("068270", "01", 2, 0)));
        assertThat(client.truthOrder(buy).path("side").asText()).isEqualTo("BUY");
        assertThat(client.truthOrder(sell).path("side").asText()).isEqualTo("SELL");
    }

    @Test
    void restingOrdersFillPartlyAcrossPrintsAndAtTheirOwnPrice() {
        String odno = odno(client.order(true, "105560", "00", 500, 82_000));
        client.adminPost("/market/print", Map.of("symbol", "105560", "price", 82_000, "qty", 200));
        JsonNode partly = client.truthOrder(odno);
        assertThat(partly.path("state").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(partly.path("filledQty").asLong()).isEqualTo(200);
        client.adminPost("/market/print", Map.of("symbol", "105560", "price", 81_900, "qty", 1_000));
        JsonNode done = client.truthOrder(odno);
        assertThat(done.path("state").asText()).isEqualTo("FILLED");
        assertThat(done.path("avgPrice").asLong()).isEqualTo(82_000);
        long fills = 0;
        for (JsonNode f : client.truth().path("fills")) {
            if (f.path("odno").asText().equals(odno)) {
                fills++;
                assertThat(f.path("price").asLong()).isEqualTo(82_000);
            }
        }
        assertThat(fills).isEqualTo(2);
    }

    @Test
    void iocTakesWhatTheTouchShowsAndFokAllOrNothing() {
        client.adminPost("/market/print", Map.of("symbol", "015760", "price", 22_150, "qty", 1, "askQty", 100,
                "bidQty", 100));
        JsonNode ioc = client.truthOrder(odno(client.order(true, "015760", "11", 150, 22_200)));
        assertThat(ioc.path("filledQty").asLong()).isEqualTo(100);
        assertThat(ioc.path("canceledQty").asLong()).isEqualTo(50);
        assertThat(ioc.path("state").asText()).isEqualTo("CANCELED");

        client.adminPost("/market/print", Map.of("symbol", "015760", "price", 22_150, "qty", 1, "askQty", 100,
                "bidQty", 100));
        JsonNode fok = client.truthOrder(odno(client.order(true, "015760", "12", 150, 22_200)));
        assertThat(fok.path("filledQty").asLong()).isZero();
        assertThat(fok.path("canceledQty").asLong()).isEqualTo(150);
        JsonNode fokSmall = client.truthOrder(odno(client.order(true, "015760", "14", 80, 0)));
        assertThat(fokSmall.path("filledQty").asLong()).isEqualTo(80);
        assertThat(fokSmall.path("state").asText()).isEqualTo("FILLED");
        JsonNode iocAway = client.truthOrder(odno(client.order(true, "015760", "11", 10, 22_000)));
        assertThat(iocAway.path("filledQty").asLong()).isZero();
        assertThat(iocAway.path("state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void cashAndPositionsFollowTheFills() {
        JsonNode before = client.truth().path("cash");
        odno(client.order(true, "001510", "01", 1_000, 0));
        odno(client.order(false, "001510", "01", 400, 0));
        JsonNode after = client.truth().path("cash");
        assertThat(after.path("todayBuyAmount").asLong() - before.path("todayBuyAmount").asLong())
                .isEqualTo(612_000);
        assertThat(after.path("todaySellAmount").asLong() - before.path("todaySellAmount").asLong())
                .isEqualTo(244_800);
        assertThat(after.path("settled").asLong() - before.path("settled").asLong()).isEqualTo(-367_200);
        assertThat(positionOf(client.truth(), "001510").path("qty").asLong()).isEqualTo(600);
    }

    @Test
    void ordersOutsideTheSessionsAreRefusedAsClosed() {
        try (KisSimulator late = KisSimulator.start(SimulatorSettings.builder().marketOpenTime(LocalTime.of(16, 30))
                .build()); KisSimulator latePaper = KisSimulator.start(SimulatorSettings.builder()
                .env(KisEnv.PAPER).marketOpenTime(LocalTime.of(18, 30)).build())) {
            KisTestClient c = new KisTestClient(late).login();
            KisTestClient.Reply r = c.order(true, "005930", "00", 1, 71_900);
            assertThat(r.rtCd()).isEqualTo("1");
            assertThat(r.msgCd()).isEqualTo("APBK0919");
            // 16:30 is the after-hours single-price session: ORD_DVSN 07 is taken there.
            assertThat(c.order(true, "005930", "07", 1, 71_900).rtCd()).isEqualTo("0");
            KisTestClient p = new KisTestClient(latePaper).paper(true).login();
            KisTestClient.Reply closed = p.order(true, "005930", "00", 1, 71_900);
            assertThat(closed.msgCd()).isEqualTo("40580000");
            assertThat(closed.text("msg1")).isEqualTo("모의투자 장종료 입니다.");
        }
    }

    @Test
    void paperAnswersWithPaperWordsAndTradesOnKrxOnly() {
        try (KisSimulator paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER)
                .restLimitPerSecond(0).build())) {
            KisTestClient p = new KisTestClient(paper).paper(true).login();
            KisTestClient.Reply r = p.order(true, "005930", "01", 1, 0);
            assertThat(r.msgCd()).isEqualTo("40600000");
            assertThat(r.text("msg1")).isEqualTo("모의투자 매수주문이 완료 되었습니다.");
            assertThat(r.body().path("output").path("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("00950");
            assertThat(p.order(false, "005930", "01", 1, 0).text("msg1")).isEqualTo("모의투자 매도주문이 완료 되었습니다.");
            Map<String, String> nxt = p.orderBody("005930", "00", 1, 71_900);
            nxt.put("EXCG_ID_DVSN_CD", "NXT");
            assertThat(p.post(KisTestClient.TRADING + "order-cash", "VTTC0012U", nxt).msgCd()).isEqualTo("OPSQ2001");
            p.adminPost("/accounts/50000001/cash", Map.of("set", 0));
            KisTestClient.Reply broke = p.order(true, "005930", "00", 1, 71_900);
            assertThat(broke.msgCd()).isEqualTo("40250000");
        }
    }

    @Test
    void largeMatchesAreSplitIntoFillLots() {
        try (KisSimulator lots = KisSimulator.start(SimulatorSettings.builder().fillLot(30).restLimitPerSecond(0)
                .pricePathFrozen(true).build())) {
            KisTestClient c = new KisTestClient(lots).login();
            String odno = odno(c.order(true, "005930", "01", 100, 0));
            List<Long> qtys = new java.util.ArrayList<>();
            for (JsonNode f : c.truth().path("fills")) {
                if (f.path("odno").asText().equals(odno)) {
                    qtys.add(f.path("qty").asLong());
                }
            }
            assertThat(qtys).containsExactly(30L, 30L, 30L, 10L);
        }
    }

    static JsonNode positionOf(JsonNode truth, String symbol) {
        for (JsonNode p : truth.path("positions")) {
            if (p.path("symbol").asText().equals(symbol)) {
                return p;
            }
        }
        throw new AssertionError("no position in " + symbol);
    }
}
