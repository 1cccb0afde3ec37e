package kisgateway.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import kisgateway.sim.market.Instrument;

import static kisgateway.sim.OrderCashTest.odno;
import static org.assertj.core.api.Assertions.assertThat;

/** inquire-daily-ccld, inquire-balance, inquire-psbl-order, inquire-psbl-rvsecncl and inquire-price. */
class AccountQueriesTest {
    private static final String CCLD = KisTestClient.TRADING + "inquire-daily-ccld";
    private static final String BALANCE = KisTestClient.TRADING + "inquire-balance";
    private static KisSimulator sim;
    private static KisTestClient client;
    private static String today;
    private static final List<String> ordered = new ArrayList<>();

    @BeforeAll
    static void start() {
        sim = KisSimulator.start(SimulatorSettings.builder().restLimitPerSecond(0).pricePathFrozen(true).build());
        client = new KisTestClient(sim).login();
        today = sim.market().clock().nowSeoul().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd"));
        for (int i = 0; i < 227; i++) {
            ordered.add(odno(client.order(true, "035720", "00", 1, 40_000 - 50L * (i % 20))));
        }
        ordered.add(odno(client.order(true, "005930", "01", 10, 0)));
        ordered.add(odno(client.order(false, "005930", "01", 4, 0)));
        ordered.add(odno(client.order(true, "000660", "00", 3, 200_000)));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Map<String, String> ccldQuery(String date, String side, String pdno, String ccld, String direction) {
        return KisTestClient.params("CANO", "50000001", "ACNT_PRDT_CD", "01", "INQR_STRT_DT", date,
                "INQR_END_DT", date, "SLL_BUY_DVSN_CD", side, "INQR_DVSN", direction, "PDNO", pdno,
                "CCLD_DVSN", ccld, "ORD_GNO_BRNO", "", "ODNO", "", "INQR_DVSN_3", "00", "INQR_DVSN_1", "",
                "CTX_AREA_FK100", "", "CTX_AREA_NK100", "", "EXCG_ID_DVSN_CD", "KRX");
    }

    /** Pages like the official sample: tr_cont "N" and the previous ctx areas until tr_cont is D or E. */
    static List<KisTestClient.Reply> allPages(KisTestClient c, String path, String trId, Map<String, String> query) {
        List<KisTestClient.Reply> pages = new ArrayList<>();
        Map<String, String> q = new java.util.LinkedHashMap<>(query);
        String trCont = "";
        for (int guard = 0; guard < 50; guard++) {
            KisTestClient.Reply r = c.get(path, trId, q, trCont.isEmpty() ? Map.of() : Map.of("tr_cont", trCont));
            assertThat(r.rtCd()).as(r.raw()).isEqualTo("0");
            pages.add(r);
            if (!List.of("F", "M").contains(r.header("tr_cont"))) {
                return pages;
            }
            q.put("CTX_AREA_FK100", r.text("ctx_area_fk100"));
            q.put("CTX_AREA_NK100", r.text("ctx_area_nk100"));
            trCont = "N";
        }
        throw new AssertionError("paging never ended");
    }

    @Test
    void dailyOrdersPageToTheLastPage() {
        List<KisTestClient.Reply> pages = allPages(client, CCLD, "TTTC0081R", ccldQuery(today, "00", "", "00", "00"));
        assertThat(pages).extracting(p -> p.header("tr_cont")).containsExactly("F", "M", "E");
        assertThat(pages).extracting(p -> p.body().path("output1").size()).containsExactly(100, 100, 30);
        KisTestClient.Reply last = pages.get(2);
        assertThat(last.text("ctx_area_nk100")).hasSize(100).isBlank();
        assertThat(last.text("ctx_area_fk100")).hasSize(100).startsWith("50000001^01^");
        assertThat(pages.get(0).text("ctx_area_nk100")).hasSize(100).isNotBlank();
        assertThat(pages.get(0).msgCd()).isEqualTo("KIOK0510");
        assertThat(last.msgCd()).isEqualTo("KIOK0460");
        List<String> seen = new ArrayList<>();
        for (KisTestClient.Reply p : pages) {
            p.body().path("output1").forEach(row -> seen.add(row.path("odno").asText()));
            assertThat(p.body().path("output2").isObject()).isTrue();
        }
        List<String> newestFirst = new ArrayList<>(ordered);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        JsonNode totals = last.body().path("output2");
        assertThat(totals.path("tot_ord_qty").asLong()).isEqualTo(227 + 10 + 4 + 3);
        assertThat(totals.path("tot_ccld_qty").asLong()).isEqualTo(14);
    }

    @Test
    void oneFilteredPageIsMarkedD() {
        KisTestClient.Reply r = client.get(CCLD, "TTTC0081R", ccldQuery(today, "00", "005930", "01", "01"));
        assertThat(r.header("tr_cont")).isEqualTo("D");
        JsonNode rows = r.body().path("output1");
        assertThat(rows).hasSize(2);
        JsonNode buy = rows.get(0);
        assertThat(buy.path("odno").asText()).isEqualTo(ordered.get(227));
        assertThat(buy.path("sll_buy_dvsn_cd").asText()).isEqualTo("02");
        assertThat(buy.path("tot_ccld_qty").asText()).isEqualTo("10");
        assertThat(buy.path("avg_prvs").asText()).isEqualTo("71900");
        assertThat(buy.path("tot_ccld_amt").asText()).isEqualTo("719000");
        assertThat(buy.path("rmn_qty").asText()).isEqualTo("0");
        assertThat(buy.path("ord_dt").asText()).isEqualTo(today).matches("\\d{8}");
        assertThat(buy.path("ord_gno_brno").asText()).isEqualTo("06010");
        assertThat(buy.path("excg_id_dvsn_Cd").asText()).isEqualTo("KRX");
        for (String field : List.of("ord_dt", "ord_gno_brno", "odno", "orgn_odno", "ord_dvsn_name",
                "sll_buy_dvsn_cd", "sll_buy_dvsn_cd_name", "pdno", "prdt_name", "ord_qty", "ord_unpr", "ord_tmd",
                "tot_ccld_qty", "avg_prvs", "cncl_yn", "tot_ccld_amt", "loan_dt", "ordr_empno", "ord_dvsn_cd",
                "cncl_cfrm_qty", "rmn_qty", "rjct_qty", "ccld_cndt_name", "inqr_ip_addr",
                "cpbc_ordp_ord_rcit_dvsn_cd", "cpbc_ordp_infm_mthd_dvsn_cd", "infm_tmd", "ctac_tlno",
                "prdt_type_cd", "excg_dvsn_cd", "cpbc_ordp_mtrl_dvsn_cd", "ord_orgno", "rsvn_ord_end_dt",
                "excg_id_dvsn_Cd", "stpm_cndt_pric", "stpm_efct_occr_dtmd")) {
            assertThat(buy.path(field).isTextual()).as(field).isTrue();
        }
        assertThat(rows.get(1).path("sll_buy_dvsn_cd").asText()).isEqualTo("01");
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(client.get(CCLD, "TTTC0081R", ccldQuery(today, "01", "", "00", "00")).body().path("output1"))
                .hasSize(1);
        KisTestClient.Reply unfilled = client.get(CCLD, "TTTC0081R", ccldQuery(today, "02", "000660", "02", "00"));
        assertThat(unfilled.body().path("output1")).hasSize(1);
        assertThat(unfilled.body().path("output1").get(0).path("rmn_qty").asText()).isEqualTo("3");
        Map<String, String> one = ccldQuery(today, "00", "", "00", "00");
        one.put("ODNO", ordered.get(5));
        assertThat(client.get(CCLD, "TTTC0081R", one).body().path("output1").get(0).path("odno").asText())
                .isEqualTo(ordered.get(5));
        assertThat(client.get(CCLD, "TTTC0081R", ccldQuery("20000101", "00", "", "00", "00")).body()
                .path("output1")).isEmpty();
    }

    @Test
    void paperPagesHoldFifteenOrders() {
        try (KisSimulator paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER)
                .restLimitPerSecond(0).pricePathFrozen(true).build())) {
            KisTestClient p = new KisTestClient(paper).paper(true).login();
            for (int i = 0; i < 20; i++) {
                odno(p.order(true, "005930", "00", 1, 70_000));
            }
            List<KisTestClient.Reply> pages = allPages(p, CCLD, "VTTC0081R", ccldQuery(today, "00", "", "00", "00"));
            assertThat(pages).extracting(r -> r.header("tr_cont")).containsExactly("F", "E");
            assertThat(pages).extracting(r -> r.body().path("output1").size()).containsExactly(15, 5);
            assertThat(pages.get(0).msgCd()).isEqualTo("20310000");
        }
    }

    @Test
    void balancePagesPositionsAndRepeatsTheCashObject() {
        List<Instrument> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(new Instrument(String.format("9%05d", i), "종목" + i, 10_000 + 100L * i));
        }
        try (KisSimulator paper = KisSimulator.start(SimulatorSettings.builder().env(KisEnv.PAPER).symbols(many)
                .restLimitPerSecond(0).pricePathFrozen(true).build())) {
            KisTestClient p = new KisTestClient(paper).paper(true).login();
            for (Instrument i : many) {
                p.admin("PUT", "/accounts/50000001/positions/" + i.code(), Map.of("qty", 10, "avgPrice",
                        String.valueOf(i.previousClose() - 100)));
            }
            Map<String, String> query = KisTestClient.balanceQuery("50000001");
            List<KisTestClient.Reply> pages = allPages(p, BALANCE, "VTTC8434R", query);
            assertThat(pages).extracting(r -> r.header("tr_cont")).containsExactly("F", "E");
            assertThat(pages).extracting(r -> r.body().path("output1").size()).containsExactly(20, 5);
            Set<String> symbols = new HashSet<>();
            for (KisTestClient.Reply r : pages) {
                r.body().path("output1").forEach(row -> symbols.add(row.path("pdno").asText()));
                assertThat(r.body().path("output2").isArray()).isTrue();
                assertThat(r.body().path("output2")).hasSize(1);
            }
            assertThat(symbols).hasSize(25);
            JsonNode first = pages.get(0).body().path("output1").get(0);
            assertThat(first.path("pdno").asText()).isEqualTo("900000");
            assertThat(first.path("hldg_qty").asText()).isEqualTo("10");
            assertThat(first.path("pchs_avg_pric").asText()).isEqualTo("9900.0000");
            assertThat(first.path("pchs_amt").asText()).isEqualTo("99000");
            assertThat(first.path("prpr").asText()).isEqualTo("10000");
            assertThat(first.path("evlu_amt").asText()).isEqualTo("100000");
            assertThat(first.path("evlu_pfls_amt").asText()).isEqualTo("1000");
            assertThat(first.path("evlu_pfls_rt").asText()).isEqualTo("1.01");
            JsonNode cash = pages.get(1).body().path("output2").get(0);
            assertThat(cash.path("dnca_tot_amt").asText()).isEqualTo("100000000");
            assertThat(cash.path("prvs_rcdl_excc_amt").asText()).isEqualTo("100000000");
            for (String field : List.of("dnca_tot_amt", "nxdy_excc_amt", "prvs_rcdl_excc_amt", "cma_evlu_amt",
                    "bfdy_buy_amt", "thdt_buy_amt", "nxdy_auto_rdpt_amt", "bfdy_sll_amt", "thdt_sll_amt",
                    "d2_auto_rdpt_amt", "bfdy_tlex_amt", "thdt_tlex_amt", "tot_loan_amt", "scts_evlu_amt",
                    "tot_evlu_amt", "nass_amt", "fncg_gld_auto_rdpt_yn", "pchs_amt_smtl_amt", "evlu_amt_smtl_amt",
                    "evlu_pfls_smtl_amt", "tot_stln_slng_chgs", "bfdy_tot_asst_evlu_amt", "asst_icdc_amt",
                    "asst_icdc_erng_rt")) {
                assertThat(cash.path(field).isTextual()).as(field).isTrue();
            }
        }
    }

    @Test
    void balanceShowsTodaysTradesAndCash() {
        Map<String, String> query = KisTestClient.balanceQuery("50000001");
        KisTestClient.Reply r = client.get(BALANCE, "TTTC8434R", query);
        assertThat(r.header("tr_cont")).isEqualTo("D");
        JsonNode samsung = r.body().path("output1").get(0);
        assertThat(samsung.path("pdno").asText()).isEqualTo("005930");
        assertThat(samsung.path("thdt_buyqty").asText()).isEqualTo("10");
        assertThat(samsung.path("thdt_sll_qty").asText()).isEqualTo("4");
        assertThat(samsung.path("hldg_qty").asText()).isEqualTo("6");
        JsonNode cash = r.body().path("output2").get(0);
        assertThat(cash.path("thdt_buy_amt").asLong()).isEqualTo(719_000);
        assertThat(cash.path("thdt_sll_amt").asLong()).isEqualTo(287_600);
        assertThat(cash.path("prvs_rcdl_excc_amt").asLong()).isEqualTo(100_000_000 - 719_000 + 287_600);
    }

    @Test
    void buyingPowerLeavesOutWhatOpenBuysHold() {
        Map<String, String> query = KisTestClient.params("CANO", "50000001", "ACNT_PRDT_CD", "01", "PDNO", "005930",
                "ORD_UNPR", "71900", "ORD_DVSN", "00", "CMA_EVLU_AMT_ICLD_YN", "N", "OVRS_ICLD_YN", "N");
        JsonNode out = client.get(KisTestClient.TRADING + "inquire-psbl-order", "TTTC8908R", query).body()
                .path("output");
        long orderable = client.truth().path("cash").path("orderable").asLong();
        assertThat(out.path("ord_psbl_cash").asLong()).isEqualTo(orderable);
        assertThat(out.path("max_buy_qty").asLong()).isEqualTo(orderable / 71_900);
        assertThat(out.path("psbl_qty_calc_unpr").asText()).isEqualTo("71900");
        query.put("ORD_DVSN", "01");
        query.put("ORD_UNPR", "");
        JsonNode market = client.get(KisTestClient.TRADING + "inquire-psbl-order", "TTTC8908R", query).body()
                .path("output");
        assertThat(market.path("psbl_qty_calc_unpr").asText()).isEqualTo("93400");
        query.remove("CMA_EVLU_AMT_ICLD_YN");
        query.put("CMA_EVLU_AMT_ICLD_Y", "N");
        KisTestClient.Reply misspelt = client.get(KisTestClient.TRADING + "inquire-psbl-order", "TTTC8908R", query);
        assertThat(misspelt.msgCd()).isEqualTo("OPSQ2002");
    }

    @Test
    void revisableOrdersListOnlyWhatIsStillOpen() {
        Map<String, String> query = KisTestClient.params("CANO", "50000001", "ACNT_PRDT_CD", "01",
                "CTX_AREA_FK100", "", "CTX_AREA_NK100", "", "INQR_DVSN_1", "0", "INQR_DVSN_2", "0");
        List<KisTestClient.Reply> pages = allPages(client, KisTestClient.TRADING + "inquire-psbl-rvsecncl",
                "TTTC0084R", query);
        assertThat(pages).extracting(r -> r.header("tr_cont")).containsExactly("F", "M", "M", "M", "E");
        List<String> listed = new ArrayList<>();
        pages.forEach(r -> r.body().path("output").forEach(row -> listed.add(row.path("odno").asText())));
        assertThat(listed).hasSize(228).doesNotContain(ordered.get(227), ordered.get(228))
                .contains(ordered.get(229));
        JsonNode row = pages.get(0).body().path("output").get(0);
        assertThat(row.path("psbl_qty").asText()).isEqualTo("1");
        assertThat(row.path("ord_gno_brno").asText()).isEqualTo("06010");
    }

    @Test
    void inquirePriceShowsTheQuote() {
        KisTestClient.Reply r = client.get("/uapi/domestic-stock/v1/quotations/inquire-price", "FHKST01010100",
                Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930"));
        JsonNode out = r.body().path("output");
        assertThat(out.path("stck_prpr").asText()).isEqualTo("71900");
        assertThat(out.path("stck_mxpr").asText()).isEqualTo("93400");
        assertThat(out.path("stck_llam").asText()).isEqualTo("50400");
        assertThat(out.path("stck_sdpr").asText()).isEqualTo("71900");
        assertThat(out.path("aspr_unit").asText()).isEqualTo("100");
        assertThat(out.path("prdy_vrss_sign").asText()).isEqualTo("3");
        assertThat(out.path("temp_stop_yn").asText()).isEqualTo("N");
        assertThat(out.size()).isGreaterThan(75);
        KisTestClient.Reply unknown = client.get("/uapi/domestic-stock/v1/quotations/inquire-price",
                "FHKST01010100", Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "999999"));
        assertThat(unknown.rtCd()).isNotEqualTo("0");
    }
}
