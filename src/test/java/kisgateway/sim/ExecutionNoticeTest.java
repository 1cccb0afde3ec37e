package kisgateway.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static kisgateway.sim.OrderCashTest.odno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** H0STCNI0 notices for every order event, decrypted with javax.crypto and read field by field. */
class ExecutionNoticeTest {
    private static KisSimulator sim;
    private static KisTestClient rest;
    private WsTestClient ws;
    private String key;
    private String iv;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0).pricePathFrozen(true)
                .fillLot(40).approvalIssueMinInterval(java.time.Duration.ZERO).build());
        rest = new KisTestClient(sim).login();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void subscribe() {
        ws = WsTestClient.connect(sim.wsBaseUrl() + "/tryitout/H0STCNI0", rest.approvalKey());
        JsonNode ack = ws.subscribe("H0STCNI0", "simdemo");
        key = ack.path("body").path("output").path("key").asText();
        iv = ack.path("body").path("output").path("iv").asText();
    }

    @AfterEach
    void close() {
        ws.close();
        // the next test's session may only claim the app key once this one is gone
        rest.awaitNoOpenSessions();
    }

    /** The decrypted notices of one order number, split into fields, waiting until {@code count} arrived. */
    private List<String[]> notices(String odno, int count) {
        List<String[]> found = new ArrayList<>();
        await().atMost(5, TimeUnit.SECONDS).pollInterval(java.time.Duration.ofMillis(5)).until(() -> {
            found.clear();
            for (String frame : ws.dataFrames("H0STCNI0")) {
                assertThat(frame).startsWith("1|H0STCNI0|001|");
                String[] f = WsTestClient.decrypt(frame, key, iv).split("\\^", -1);
                if (f[2].equals(odno)) {
                    found.add(f);
                }
            }
            return found.size() >= count;
        });
        return found;
    }

    @Test
    void aMarketBuyIsAnnouncedThenFilledInLots() {
        String odno = odno(rest.order(true, "005930", "01", 100, 0));
        List<String[]> n = notices(odno, 4);
        assertThat(n).hasSize(4);
        String[] accepted = n.get(0);
        assertThat(accepted).hasSize(26);
        assertThat(accepted[0]).isEqualTo("simdemo");
        assertThat(accepted[1]).isEqualTo("5000000101");
        assertThat(accepted[3]).isEmpty();
        assertThat(accepted[4]).isEqualTo("02");
        assertThat(accepted[5]).isEqualTo("0");
        assertThat(accepted[6]).isEqualTo("01");
        assertThat(accepted[7]).isEqualTo("0");
        assertThat(accepted[8]).isEqualTo("005930");
        assertThat(accepted[9]).isEqualTo("0000000100");
        assertThat(accepted[10]).isEqualTo("000000000");
        assertThat(accepted[11]).matches("\\d{6}");
        assertThat(accepted[12]).isEqualTo("0");
        assertThat(accepted[13]).isEqualTo("1");
        assertThat(accepted[14]).isEqualTo("1");
        assertThat(accepted[15]).isEqualTo("06010");
        assertThat(accepted[16]).isEqualTo("000000100");
        assertThat(accepted[24]).isEqualTo("삼성전자");
        long filled = 0;
        for (String[] fill : n.subList(1, 4)) {
            assertThat(fill[13]).isEqualTo("2");
            assertThat(fill[10]).isEqualTo("000071900");
            assertThat(fill[9]).hasSize(10);
            filled += Long.parseLong(fill[9]);
        }
        assertThat(filled).isEqualTo(100);
        assertThat(n.subList(1, 4)).extracting(f -> f[9]).containsExactly("0000000040", "0000000040", "0000000020");
    }

    @Test
    void aLimitOrderIsAnnouncedWithItsPriceAndItsCancelWithRctfCls2() {
        String orig = odno(rest.order(true, "000660", "00", 7, 210_000));
        String[] accepted = notices(orig, 1).get(0);
        assertThat(accepted[9]).isEqualTo("0000000007");
        assertThat(accepted[10]).isEqualTo("000210000");
        assertThat(accepted[25]).isEqualTo("000210000");
        String cancel = odno(rest.reviseOrCancel(orig, true, "00", 0, 0, true));
        String[] cancelled = notices(cancel, 1).get(0);
        assertThat(cancelled[3]).isEqualTo(orig);
        assertThat(cancelled[5]).isEqualTo("2");
        assertThat(cancelled[13]).isEqualTo("1");
        assertThat(cancelled[9]).isEqualTo("0000000007");
    }

    @Test
    void aRevisionIsAnnouncedWithRctfCls1AndItsFillsFollow() {
        String orig = odno(rest.order(true, "035420", "00", 5, 200_000));
        String revised = odno(rest.reviseOrCancel(orig, false, "00", 0, 205_000, true));
        rest.adminPost("/market/print", Map.of("symbol", "035420", "price", 205_000, "qty", 100));
        List<String[]> n = notices(revised, 2);
        assertThat(n.get(0)[5]).isEqualTo("1");
        assertThat(n.get(0)[3]).isEqualTo(orig);
        assertThat(n.get(0)[10]).isEqualTo("000205000");
        assertThat(n.get(1)[13]).isEqualTo("2");
        assertThat(n.get(1)[9]).isEqualTo("0000000005");
    }

    @Test
    void anExchangeRejectionComesWithRfusYn1() {
        rest.adminPost("/faults/orders/reject-next", Map.of("count", 1));
        String odno = odno(rest.order(true, "005380", "00", 1, 214_000));
        List<String[]> n = notices(odno, 2);
        assertThat(n.get(1)[12]).isEqualTo("1");
        assertThat(n.get(1)[13]).isEqualTo("1");
        assertThat(rest.truthOrder(odno).path("state").asText()).isEqualTo("REJECTED");
    }

    @Test
    void theUnfilledRestOfIocIsAnnouncedAsCancelled() {
        rest.adminPost("/market/print", Map.of("symbol", "015760", "price", 22_150, "qty", 1, "askQty", 10,
                "bidQty", 10));
        String odno = odno(rest.order(true, "015760", "11", 25, 22_150));
        List<String[]> n = notices(odno, 3);
        assertThat(n.get(0)[7]).isEqualTo("1");
        assertThat(n.get(1)[13]).isEqualTo("2");
        assertThat(n.get(1)[9]).isEqualTo("0000000010");
        assertThat(n.get(2)[14]).isEqualTo("3");
        assertThat(n.get(2)[9]).isEqualTo("0000000015");
    }

    @Test
    void ordersFromOutsideTheGatewayAreAnnouncedToo() {
        JsonNode booked = rest.adminPost("/accounts/50000001/orders", Map.of("symbol", "068270", "side", "buy",
                "qty", 2, "price", 0, "ordDvsn", "01")).body();
        assertThat(booked.path("booked").asBoolean()).isTrue();
        List<String[]> n = notices(booked.path("odno").asText(), 2);
        assertThat(n.get(1)[13]).isEqualTo("2");
        assertThat(rest.truthOrder(booked.path("odno").asText()).path("source").asText()).isEqualTo("HTS");
    }

    @Test
    void theOlderLayoutHas23FieldsAndPaperUsesH0stcni9() {
        try (KisSimulator old = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER)
                .noticeLayout(NoticeLayout.FIELDS_23).restLimitPerSecond(0).pricePathFrozen(true).build())) {
            KisTestClient p = new KisTestClient(old).paper(true).login();
            try (WsTestClient w = WsTestClient.connect(old.wsBaseUrl(), p.approvalKey())) {
                JsonNode ack = w.subscribe("H0STCNI9", "simdemo");
                assertThat(ack.path("header").path("encrypt").asText()).isEqualTo("Y");
                String odno = odno(p.order(true, "005930", "00", 3, 71_900));
                await().atMost(5, TimeUnit.SECONDS).until(() -> w.dataFrames("H0STCNI9").size() >= 2);
                String[] fill = WsTestClient.decrypt(w.dataFrames("H0STCNI9").get(1),
                        ack.path("body").path("output").path("key").asText(),
                        ack.path("body").path("output").path("iv").asText()).split("\\^", -1);
                assertThat(fill).hasSize(23);
                assertThat(fill[2]).isEqualTo(odno);
                assertThat(fill[13]).isEqualTo("2");
                assertThat(fill[15]).isEqualTo("00950");
                assertThat(fill[22]).isEqualTo("000071900");
            }
        }
    }
}
