package kisgateway.sim;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static kisgateway.sim.OrderCashTest.odno;
import static org.assertj.core.api.Assertions.assertThat;

/** order-rvsecncl over HTTP: a new ODNO for every change, and only the unfilled rest can change. */
class ReviseCancelTest {
    private static KisSimulator sim;
    private static KisTestClient client;

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0).pricePathFrozen(true).build());
        client = new KisTestClient(sim).login();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void cancellingTheWholeRestIssuesANewOrderNumber() {
        String orig = odno(client.order(true, "005930", "00", 10, 70_000));
        KisTestClient.Reply r = client.reviseOrCancel(orig, true, "00", 0, 0, true);
        String cancel = odno(r);
        assertThat(r.msgCd()).isEqualTo("APBK0013");
        assertThat(cancel).isNotEqualTo(orig).isGreaterThan(orig);
        assertThat(r.body().path("output").path("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("06010");
        JsonNode original = client.truthOrder(orig);
        assertThat(original.path("state").asText()).isEqualTo("CANCELED");
        assertThat(original.path("canceledQty").asLong()).isEqualTo(10);
        JsonNode record = client.truthOrder(cancel);
        assertThat(record.path("action").asText()).isEqualTo("CANCEL");
        assertThat(record.path("origOdno").asText()).isEqualTo(orig);
        assertThat(record.path("qty").asLong()).isEqualTo(10);

        KisTestClient.Reply again = client.reviseOrCancel(orig, true, "00", 0, 0, true);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.rtCd()).isNotEqualTo("0");
        assertThat(again.text("msg1")).isEqualTo("정정/취소할 수량이 없습니다.");
    }

    @Test
    void onlyTheUnfilledRestOfAPartlyFilledOrderIsCancelled() {
        String orig = odno(client.order(true, "000660", "00", 10, 214_000));
        client.adminPost("/market/print", Map.of("symbol", "000660", "price", 214_000, "qty", 4));
        String cancel = odno(client.reviseOrCancel(orig, true, "00", 0, 0, true));
        JsonNode original = client.truthOrder(orig);
        assertThat(original.path("filledQty").asLong()).isEqualTo(4);
        assertThat(original.path("canceledQty").asLong()).isEqualTo(6);
        assertThat(original.path("remainingQty").asLong()).isZero();
        assertThat(client.truthOrder(cancel).path("qty").asLong()).isEqualTo(6);
        client.adminPost("/market/print", Map.of("symbol", "000660", "price", 213_000, "qty", 100));
        assertThat(client.truthOrder(orig).path("filledQty").asLong()).isEqualTo(4);
    }

    @Test
    void aPartialCancelLeavesTheRestWorking() {
        String orig = odno(client.order(true, "035720", "00", 10, 41_000));
        odno(client.reviseOrCancel(orig, true, "00", 3, 0, false));
        JsonNode original = client.truthOrder(orig);
        assertThat(original.path("remainingQty").asLong()).isEqualTo(7);
        assertThat(original.path("state").asText()).isEqualTo("OPEN");
        assertThat(client.reviseOrCancel(orig, true, "00", 8, 0, false).msgCd()).isEqualTo("APBK0506");
    }

    @Test
    void aRevisionMovesTheRestToANewOrderAtTheNewPrice() {
        String orig = odno(client.order(true, "005380", "00", 10, 210_000));
        client.adminPost("/market/print", Map.of("symbol", "005380", "price", 210_000, "qty", 3));
        String revised = odno(client.reviseOrCancel(orig, false, "00", 0, 208_000, true));
        JsonNode original = client.truthOrder(orig);
        assertThat(original.path("state").asText()).isEqualTo("REPLACED");
        assertThat(original.path("filledQty").asLong()).isEqualTo(3);
        assertThat(original.path("revisedQty").asLong()).isEqualTo(7);
        JsonNode revision = client.truthOrder(revised);
        assertThat(revision.path("action").asText()).isEqualTo("REVISE");
        assertThat(revision.path("origOdno").asText()).isEqualTo(orig);
        assertThat(revision.path("qty").asLong()).isEqualTo(7);
        assertThat(revision.path("price").asLong()).isEqualTo(208_000);
        assertThat(revision.path("state").asText()).isEqualTo("OPEN");
        client.adminPost("/market/print", Map.of("symbol", "005380", "price", 207_500, "qty", 100));
        assertThat(client.truthOrder(revised).path("state").asText()).isEqualTo("FILLED");
        assertThat(client.truthOrder(revised).path("avgPrice").asLong()).isEqualTo(208_000);
        assertThat(client.truthOrder(orig).path("filledQty").asLong()).isEqualTo(3);
    }

    @Test
    void aRevisionToAMarketableLimitFillsAtOnce() {
        String orig = odno(client.order(true, "068270", "00", 5, 170_000));
        String revised = odno(client.reviseOrCancel(orig, false, "00", 0, 178_700, true));
        assertThat(client.truthOrder(revised).path("state").asText()).isEqualTo("FILLED");
    }

    @Test
    void unknownOriginalsAndWrongBranchesAreRefused() {
        KisTestClient.Reply unknown = client.reviseOrCancel("0000000001", true, "00", 0, 0, true);
        assertThat(unknown.rtCd()).isEqualTo("1");
        assertThat(unknown.msgCd()).isEqualTo("APBK0671");
        String orig = odno(client.order(true, "105560", "00", 1, 80_000));
        Map<String, String> body = KisTestClient.params("CANO", "50000001", "ACNT_PRDT_CD", "01",
                "KRX_FWDG_ORD_ORGNO", "99999", "ORGN_ODNO", orig, "ORD_DVSN", "00", "RVSE_CNCL_DVSN_CD", "02",
                "ORD_QTY", "0", "ORD_UNPR", "0", "QTY_ALL_ORD_YN", "Y");
        assertThat(client.post(KisTestClient.TRADING + "order-rvsecncl", "TTTC0013U", body).msgCd())
                .isEqualTo("APBK0671");
        body.put("KRX_FWDG_ORD_ORGNO", "06010");
        body.put("ORGN_ODNO", String.valueOf(Long.parseLong(orig)));
        assertThat(client.post(KisTestClient.TRADING + "order-rvsecncl", "TTTC0803U", body).rtCd()).isEqualTo("0");
    }

    @Test
    void paperSaysItsOwnWords() {
        try (KisSimulator paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER)
                .restLimitPerSecond(0).pricePathFrozen(true).build())) {
            KisTestClient p = new KisTestClient(paper).paper(true).login();
            String orig = odno(p.order(true, "005930", "00", 1, 70_000));
            KisTestClient.Reply cancelled = p.reviseOrCancel(orig, true, "00", 0, 0, true);
            assertThat(cancelled.text("msg1")).isEqualTo("모의투자 취소주문이 완료 되었습니다.");
            assertThat(cancelled.body().path("output").path("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("00950");
            KisTestClient.Reply nothing = p.reviseOrCancel(orig, true, "00", 0, 0, true);
            assertThat(nothing.msgCd()).isEqualTo("40330000");
            assertThat(nothing.text("msg1")).isEqualTo("모의투자 정정/취소할 수량이 없습니다.");
        }
    }
}
