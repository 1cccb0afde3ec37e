package kisgateway.kis.rest;

import static kisgateway.kis.ScriptedHttpServer.Reply.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import kisgateway.kis.OrderSide;
import kisgateway.kis.ScriptedHttpServer;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisPageCapReached;
import kisgateway.kis.error.KisUnsupportedInMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KisInquiryApiTest {

    private static final String DAILY = "/uapi/domestic-stock/v1/trading/inquire-daily-ccld";
    private static final String BALANCE = "/uapi/domestic-stock/v1/trading/inquire-balance";
    private static final String REVISABLE = "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl";
    private static final String BUYING_POWER = "/uapi/domestic-stock/v1/trading/inquire-psbl-order";
    private static final String PRICE = "/uapi/domestic-stock/v1/quotations/inquire-price";

    private RestFixture kis;

    @BeforeEach
    void start() throws Exception {
        kis = new RestFixture(false, 5);
    }

    @AfterEach
    void stop() {
        kis.close();
    }

    private static String pad100(String value) {
        return value + " ".repeat(100 - value.length());
    }

    private static String executionRow(String odno, String side, String qty, String filled) {
        return "{\"ord_dt\":\"20260709\",\"ord_gno_brno\":\"06010\",\"odno\":\"" + odno + "\",\"orgn_odno\":\"\","
                + "\"ord_dvsn_name\":\"지정가\",\"sll_buy_dvsn_cd\":\"" + side + "\",\"sll_buy_dvsn_cd_name\":\"매수\","
                + "\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"ord_qty\":\"" + qty + "\",\"ord_unpr\":\"71900\","
                + "\"ord_tmd\":\"094941\",\"tot_ccld_qty\":\"" + filled + "\",\"avg_prvs\":\"71900.0000\","
                + "\"cncl_yn\":\"N\",\"tot_ccld_amt\":\"" + Long.parseLong(filled) * 71900 + "\",\"loan_dt\":\"\","
                + "\"ord_dvsn_cd\":\"00\",\"cncl_cfrm_qty\":\"0\",\"rmn_qty\":\""
                + (Long.parseLong(qty) - Long.parseLong(filled)) + "\",\"rjct_qty\":\"0\",\"ccld_cndt_name\":\"없음\","
                + "\"infm_tmd\":\"\",\"excg_id_dvsn_Cd\":\"KRX\",\"an_unknown_field\":{\"x\":1}}";
    }

    private static String executionPage(String fk, String nk, String... rows) {
        return "{\"ctx_area_fk100\":\"" + pad100(fk) + "\",\"ctx_area_nk100\":\"" + pad100(nk) + "\","
                + "\"output1\":[" + String.join(",", rows) + "],"
                + "\"output2\":{\"tot_ord_qty\":\"30\",\"tot_ccld_qty\":\"12\",\"tot_ccld_amt\":\"862800\","
                + "\"prsm_tlex_smtl\":\"130\",\"pchs_avg_pric\":\"71900.0000\"},"
                + "\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"조회가 완료되었습니다                                  \"}";
    }

    @Test
    void dailyExecutionsFollowTrContToTheLastPageSendingTheContextBackUntouched() {
        String fk1 = "81055689^01^20260709^20260709^00^01^N^";
        String nk1 = "81055689^01^0001569157^";
        AtomicInteger page = new AtomicInteger();
        kis.server.on(DAILY, r -> switch (page.incrementAndGet()) {
            case 1 -> json(200, executionPage(fk1, nk1, executionRow("0001569157", "02", "10", "10"),
                    executionRow("0001569158", "01", "20", "2")), "M");
            case 2 -> json(200, executionPage(fk1, "81055689^01^0001569159^", executionRow("0001569159", "02", "1", "0")), "F");
            default -> json(200, executionPage(fk1, "", executionRow("0001569160", "02", "5", "0")), "D");
        });

        List<DailyExecutionPage> pages = kis.inquiry.dailyExecutions(kis.account,
                DailyExecutionQuery.between(LocalDate.of(2026, 7, 9), LocalDate.of(2026, 7, 9)),
                CallTerms.backfill()).all();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.orders().stream()).map(DailyExecution::orderNo))
                .containsExactly("0001569157", "0001569158", "0001569159", "0001569160");
        DailyExecution first = pages.get(0).orders().get(0);
        assertThat(first.side()).isEqualTo(OrderSide.BUY);
        assertThat(first.branch()).isEqualTo("06010");
        assertThat(first.symbol()).isEqualTo("005930");
        assertThat(first.orderQuantity()).isEqualTo(10);
        assertThat(first.filledQuantity()).isEqualTo(10);
        assertThat(first.averageFillPrice()).isEqualByComparingTo("71900");
        assertThat(first.filledAmount()).isEqualByComparingTo("719000");
        assertThat(first.remainingQuantity()).isZero();
        assertThat(first.orderedAt()).isEqualTo(ZonedDateTime.parse("2026-07-09T09:49:41+09:00[Asia/Seoul]"));
        assertThat(first.exchange()).isEqualTo("KRX");
        assertThat(first.cancelled()).isFalse();
        assertThat(pages.get(0).orders().get(1).side()).isEqualTo(OrderSide.SELL);
        assertThat(pages.get(0).summary().totalFilledAmount()).isEqualByComparingTo("862800");

        List<ScriptedHttpServer.Received> requests = kis.server.received(DAILY);
        assertThat(requests).hasSize(3);
        ScriptedHttpServer.Received r1 = requests.get(0);
        assertThat(r1.method()).isEqualTo("GET");
        assertThat(r1.header("tr_id")).isEqualTo("TTTC0081R");
        assertThat(r1.header("tr_cont")).isEqualTo("");
        assertThat(r1.query()).containsEntry("CANO", RestFixture.CANO).containsEntry("ACNT_PRDT_CD", "01")
                .containsEntry("INQR_STRT_DT", "20260709").containsEntry("INQR_END_DT", "20260709")
                .containsEntry("SLL_BUY_DVSN_CD", "00").containsEntry("CCLD_DVSN", "00")
                .containsEntry("INQR_DVSN", "01").containsEntry("INQR_DVSN_3", "00")
                .containsEntry("EXCG_ID_DVSN_CD", "ALL")
                .containsEntry("CTX_AREA_FK100", "").containsEntry("CTX_AREA_NK100", "");
        ScriptedHttpServer.Received r2 = requests.get(1);
        assertThat(r2.header("tr_cont")).isEqualTo("N");
        assertThat(r2.query().get("CTX_AREA_FK100")).isEqualTo(pad100(fk1));
        assertThat(r2.query().get("CTX_AREA_NK100")).isEqualTo(pad100(nk1));
        assertThat(requests.get(2).query().get("CTX_AREA_NK100")).isEqualTo(pad100("81055689^01^0001569159^"));
        assertThat(kis.permits("BACKFILL")).as("one permit per page").isEqualTo(3);
    }

    @Test
    void theOlderPeriodUsesItsOwnTrAndPaperAsksKrxOnly() throws Exception {
        kis.server.on(DAILY, r -> json(200, executionPage("", ""), "D"));
        kis.inquiry.dailyExecutions(kis.account,
                DailyExecutionQuery.between(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3)).olderPeriod(),
                CallTerms.query()).all();
        assertThat(kis.server.received(DAILY).get(0).header("tr_id")).isEqualTo("CTSC9215R");
        try (RestFixture paper = new RestFixture(true, 5)) {
            paper.server.on(DAILY, r -> json(200, executionPage("", ""), "E"));
            List<DailyExecutionPage> pages = paper.inquiry.dailyExecutions(paper.account,
                    DailyExecutionQuery.between(LocalDate.of(2026, 7, 9), LocalDate.of(2026, 7, 9)),
                    CallTerms.query()).all();
            assertThat(pages).hasSize(1);
            assertThat(pages.get(0).orders()).isEmpty();
            ScriptedHttpServer.Received request = paper.server.received(DAILY).get(0);
            assertThat(request.header("tr_id")).isEqualTo("VTTC0081R");
            assertThat(request.query()).containsEntry("EXCG_ID_DVSN_CD", "KRX");
        }
    }

    @Test
    void aListingThatNeverEndsFailsLoudlyAtTheCap() {
        kis.server.on(DAILY, r -> json(200, executionPage("fk", "nk", executionRow("1", "02", "1", "0")), "M"));
        KisPages<DailyExecutionPage> pages = kis.inquiry.dailyExecutions(kis.account,
                DailyExecutionQuery.between(LocalDate.of(2026, 7, 9), LocalDate.of(2026, 7, 9)), CallTerms.query());
        assertThatThrownBy(pages::all).isInstanceOfSatisfying(KisPageCapReached.class,
                e -> assertThat(e.cap()).isEqualTo(5));
        assertThat(kis.server.received(DAILY)).hasSize(5);
        assertThat(pages.fetched()).isEqualTo(5);
    }

    @Test
    void aRowWithoutAFieldWeUseMakesThePageUnusable() {
        kis.server.on(DAILY, r -> json(200, executionPage("", "",
                executionRow("1", "02", "1", "0").replace("\"tot_ccld_qty\":\"0\",", "")), "D"));
        assertThatThrownBy(() -> kis.inquiry.dailyExecutions(kis.account,
                DailyExecutionQuery.between(LocalDate.of(2026, 7, 9), LocalDate.of(2026, 7, 9)), CallTerms.query()).all())
                .isInstanceOf(KisAmbiguousOutcome.class).hasMessageContaining("tot_ccld_qty");
    }

    @Test
    void balanceReadsPositionsAndTheOneCashObjectOfTheOutput2Array() {
        kis.server.on(BALANCE, r -> json(200, "{\"ctx_area_fk100\":\"" + pad100("") + "\",\"ctx_area_nk100\":\""
                + pad100("") + "\",\"output1\":[{\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"trad_dvsn_name\":\"현금\","
                + "\"hldg_qty\":\"12\",\"ord_psbl_qty\":\"10\",\"pchs_avg_pric\":\"71900.0000\",\"pchs_amt\":\"862800\","
                + "\"prpr\":\"72000\",\"evlu_amt\":\"864000\",\"evlu_pfls_amt\":\"1200\",\"evlu_pfls_rt\":\"0.14\"},"
                + "{\"pdno\":\"000660\",\"prdt_name\":\"SK하이닉스\",\"hldg_qty\":\"0\",\"ord_psbl_qty\":\"0\","
                + "\"pchs_avg_pric\":\"0\",\"pchs_amt\":\"0\",\"prpr\":\"180000\",\"evlu_amt\":\"\",\"evlu_pfls_amt\":\"0\"}],"
                + "\"output2\":[{\"dnca_tot_amt\":\"10000000\",\"nxdy_excc_amt\":\"9500000\",\"prvs_rcdl_excc_amt\":\"9137200\","
                + "\"tot_evlu_amt\":\"10001200\",\"nass_amt\":\"10001200\",\"scts_evlu_amt\":\"864000\"}],"
                + "\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"조회가 완료되었습니다\"}"));
        List<BalancePage> pages = kis.inquiry.balance(kis.account, CallTerms.query()).all();
        assertThat(pages).hasSize(1);
        BalancePage page = pages.get(0);
        assertThat(page.positions()).extracting(Position::symbol).containsExactly("005930", "000660");
        Position samsung = page.positions().get(0);
        assertThat(samsung.quantity()).isEqualTo(12);
        assertThat(samsung.orderableQuantity()).isEqualTo(10);
        assertThat(samsung.averagePrice()).isEqualByComparingTo(new BigDecimal("71900"));
        assertThat(page.positions().get(1).evaluationAmount()).isEqualByComparingTo("0");
        assertThat(page.cash().deposit()).isEqualByComparingTo("10000000");
        assertThat(page.cash().settlementCash()).isEqualByComparingTo("9137200");
        ScriptedHttpServer.Received request = kis.server.received(BALANCE).get(0);
        assertThat(request.header("tr_id")).isEqualTo("TTTC8434R");
        assertThat(request.query()).containsEntry("AFHR_FLPR_YN", "N").containsEntry("INQR_DVSN", "02")
                .containsEntry("UNPR_DVSN", "01").containsEntry("PRCS_DVSN", "00").containsEntry("OFL_YN", "")
                .containsEntry("FUND_STTL_ICLD_YN", "N").containsEntry("FNCG_AMT_AUTO_RDPT_YN", "N");
    }

    @Test
    void revisableOrdersExistOnlyOnRealHosts() throws Exception {
        kis.server.on(REVISABLE, r -> json(200, "{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output\":[{"
                + "\"ord_gno_brno\":\"06010\",\"odno\":\"0001569157\",\"orgn_odno\":\"\",\"ord_dvsn_name\":\"지정가\","
                + "\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"rvse_cncl_dvsn_name\":\"\",\"ord_qty\":\"10\","
                + "\"ord_unpr\":\"71900\",\"ord_tmd\":\"094941\",\"tot_ccld_qty\":\"4\",\"tot_ccld_amt\":\"287600\","
                + "\"psbl_qty\":\"6\",\"sll_buy_dvsn_cd\":\"02\",\"ord_dvsn_cd\":\"00\",\"excg_id_dvsn_cd\":\"KRX\"}],"
                + "\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0460\",\"msg1\":\"조회 되었습니다. (마지막 자료)\"}", "D"));
        RevisableOrder order = kis.inquiry.revisableOrders(kis.account, CallTerms.query()).next().orders().get(0);
        assertThat(order.revisableQuantity()).isEqualTo(6);
        assertThat(order.filledQuantity()).isEqualTo(4);
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(kis.server.received(REVISABLE).get(0).header("tr_id")).isEqualTo("TTTC0084R");
        assertThat(kis.server.received(REVISABLE).get(0).query()).containsEntry("INQR_DVSN_1", "0")
                .containsEntry("INQR_DVSN_2", "0");
        try (RestFixture paper = new RestFixture(true, 5)) {
            assertThatThrownBy(() -> paper.inquiry.revisableOrders(paper.account, CallTerms.query()))
                    .isInstanceOf(KisUnsupportedInMode.class);
            assertThat(paper.server.received()).isEmpty();
        }
    }

    @Test
    void buyingPowerAndPrice() {
        kis.server.on(BUYING_POWER, r -> json(200, "{\"output\":{\"ord_psbl_cash\":\"9500000\",\"ord_psbl_sbst\":\"0\","
                + "\"ruse_psbl_amt\":\"0\",\"max_buy_amt\":\"9400000\",\"max_buy_qty\":\"130\",\"nrcvb_buy_amt\":\"9300000\","
                + "\"nrcvb_buy_qty\":\"129\"},\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"조회가 완료되었습니다\"}"));
        kis.server.on(PRICE, r -> json(200, "{\"output\":{\"stck_prpr\":\"71900\",\"prdy_vrss\":\"-100\","
                + "\"prdy_vrss_sign\":\"5\",\"prdy_ctrt\":\"-0.14\",\"acml_vol\":\"3052507\",\"stck_oprc\":\"72100\","
                + "\"stck_hgpr\":\"72400\",\"stck_lwpr\":\"71700\",\"stck_mxpr\":\"93600\",\"stck_llam\":\"50400\","
                + "\"aspr_unit\":\"100\",\"temp_stop_yn\":\"N\"},\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\"}"));
        BuyingPower power = kis.inquiry.buyingPower(kis.account,
                new BuyingPowerQuery("005930", new BigDecimal("71900"), OrderDivision.MARKET), CallTerms.query());
        assertThat(power.orderableCash()).isEqualByComparingTo("9500000");
        assertThat(power.noCreditBuyQuantity()).isEqualTo(129);
        assertThat(kis.server.received(BUYING_POWER).get(0).query()).containsEntry("PDNO", "005930")
                .containsEntry("ORD_UNPR", "71900").containsEntry("ORD_DVSN", "01")
                .containsEntry("CMA_EVLU_AMT_ICLD_YN", "N").containsEntry("OVRS_ICLD_YN", "N");
        assertThat(kis.server.received(BUYING_POWER).get(0).header("tr_id")).isEqualTo("TTTC8908R");

        QuotePrice price = kis.inquiry.price(kis.account, "005930", CallTerms.query());
        assertThat(price.price()).isEqualByComparingTo("71900");
        assertThat(price.changeRate()).isEqualByComparingTo("-0.14");
        assertThat(price.upperLimit()).isEqualByComparingTo("93600");
        assertThat(price.halted()).isFalse();
        assertThat(kis.server.received(PRICE).get(0).query()).containsEntry("FID_COND_MRKT_DIV_CODE", "J")
                .containsEntry("FID_INPUT_ISCD", "005930");
        assertThat(kis.server.received(PRICE).get(0).header("tr_id")).isEqualTo("FHKST01010100");
    }
}
