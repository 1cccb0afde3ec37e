package kisgateway.kis.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisFunction;
import kisgateway.kis.OrderSide;
import kisgateway.kis.error.KisAmbiguousOutcome;

/**
 * Read-only calls. Listings come back as {@link KisPages}: iterate to the last page, each page one budgeted call.
 */
public final class KisInquiryApi {

    /** Default page cap for callers without configuration (the gateway takes kis.rest.max-pages). */
    public static final int DEFAULT_MAX_PAGES = 200;
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final KisRestClient client;
    private final int maxPages;

    public KisInquiryApi(KisRestClient client, int maxPages) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        this.maxPages = maxPages;
    }

    /** inquire-daily-ccld: orders of the period with their fills; the backfill and reconciliation source. */
    public KisPages<DailyExecutionPage> dailyExecutions(KisAccount account, DailyExecutionQuery query, CallTerms terms) {
        KisFunction function = query.olderThanThreeMonths() ? KisFunction.DAILY_EXECUTIONS_OLDER
                : KisFunction.DAILY_EXECUTIONS_RECENT;
        Map<String, String> fields = AccountFields.of(account);
        fields.put("INQR_STRT_DT", DATE.format(query.from()));
        fields.put("INQR_END_DT", DATE.format(query.to()));
        fields.put("SLL_BUY_DVSN_CD", query.side() == null ? "00" : query.side().code());
        fields.put("INQR_DVSN", query.oldestFirst() ? "01" : "00");
        fields.put("PDNO", query.symbol() == null ? "" : query.symbol());
        fields.put("CCLD_DVSN", query.filter().code());
        fields.put("ORD_GNO_BRNO", "");
        fields.put("ODNO", query.orderNo() == null ? "" : query.orderNo());
        fields.put("INQR_DVSN_3", "00");
        fields.put("INQR_DVSN_1", "");
        fields.put("EXCG_ID_DVSN_CD", client.environment().executionInquiryExchangeCode());
        return pages(account, function, fields, terms, this::dailyExecutionPage);
    }

    /** inquire-psbl-rvsecncl: open orders that may still be revised or cancelled (real accounts only). */
    public KisPages<RevisableOrdersPage> revisableOrders(KisAccount account, CallTerms terms) {
        Map<String, String> fields = AccountFields.of(account);
        fields.put("INQR_DVSN_1", "0");
        fields.put("INQR_DVSN_2", "0");
        client.environment().trId(KisFunction.REVISABLE_ORDERS); // refuse on paper before anything is queued
        return pages(account, KisFunction.REVISABLE_ORDERS, fields, terms, this::revisableOrdersPage);
    }

    /** inquire-balance by symbol (INQR_DVSN 02), including today's trades (PRCS_DVSN 00). */
    public KisPages<BalancePage> balance(KisAccount account, CallTerms terms) {
        Map<String, String> fields = AccountFields.of(account);
        fields.put("AFHR_FLPR_YN", "N");
        fields.put("OFL_YN", "");
        fields.put("INQR_DVSN", "02");
        fields.put("UNPR_DVSN", "01");
        fields.put("FUND_STTL_ICLD_YN", "N");
        fields.put("FNCG_AMT_AUTO_RDPT_YN", "N");
        fields.put("PRCS_DVSN", "00");
        return pages(account, KisFunction.BALANCE, fields, terms, this::balancePage);
    }

    public BuyingPower buyingPower(KisAccount account, BuyingPowerQuery query, CallTerms terms) {
        Map<String, String> fields = AccountFields.of(account);
        fields.put("PDNO", query.symbol());
        fields.put("ORD_UNPR", query.price().stripTrailingZeros().toPlainString());
        fields.put("ORD_DVSN", query.division().code());
        fields.put("CMA_EVLU_AMT_ICLD_YN", "N");
        fields.put("OVRS_ICLD_YN", "N");
        KisResponse response = client.call(account, KisFunction.BUYING_POWER, fields, PageCursor.FIRST, terms);
        ResponseFields output = ResponseFields.object(response.trId(), response.body(), "output");
        return new BuyingPower(output.decimal("ord_psbl_cash"), output.decimal("max_buy_amt"),
                output.quantity("max_buy_qty"), output.decimal("nrcvb_buy_amt"), output.quantity("nrcvb_buy_qty"));
    }

    /** inquire-price on KRX (FID_COND_MRKT_DIV_CODE J); quotation TRs are the same on paper and real hosts. */
    public QuotePrice price(KisAccount account, String symbol, CallTerms terms) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FID_COND_MRKT_DIV_CODE", "J");
        fields.put("FID_INPUT_ISCD", symbol);
        KisResponse response = client.call(account, KisFunction.PRICE, fields, PageCursor.FIRST, terms);
        ResponseFields output = ResponseFields.object(response.trId(), response.body(), "output");
        return new QuotePrice(symbol, output.decimal("stck_prpr"), output.decimal("prdy_vrss"),
                output.optionalText("prdy_vrss_sign", ""), output.decimal("prdy_ctrt"), output.quantity("acml_vol"),
                output.decimal("stck_oprc"), output.decimal("stck_hgpr"), output.decimal("stck_lwpr"),
                output.decimal("stck_mxpr"), output.decimal("stck_llam"),
                "Y".equals(output.optionalText("temp_stop_yn", "N")));
    }

    private <P> KisPages<P> pages(KisAccount account, KisFunction function, Map<String, String> fields,
                                 CallTerms terms, java.util.function.Function<KisResponse, P> parse) {
        return new KisPages<>(function.name(), maxPages, cursor -> {
            Map<String, String> query = new LinkedHashMap<>(fields);
            query.put("CTX_AREA_FK100", cursor.fk100());
            query.put("CTX_AREA_NK100", cursor.nk100());
            return client.call(account, function, query, cursor, terms);
        }, parse);
    }

    private DailyExecutionPage dailyExecutionPage(KisResponse response) {
        String what = response.trId();
        List<DailyExecution> orders = ResponseFields.rows(what, response.body(), "output1").stream().map(row -> {
            java.time.LocalDate date = row.date("ord_dt");
            return new DailyExecution(date, row.optionalText("ord_gno_brno", ""), row.identifier("odno"),
                    row.optionalText("orgn_odno", ""), side(what, row.text("sll_buy_dvsn_cd")), row.identifier("pdno"),
                    row.optionalText("prdt_name", ""), row.optionalText("ord_dvsn_cd", ""), row.quantity("ord_qty"),
                    row.decimal("ord_unpr"), date.atTime(row.time("ord_tmd")).atZone(KST),
                    row.quantity("tot_ccld_qty"), row.decimal("avg_prvs"), row.decimal("tot_ccld_amt"),
                    row.quantity("rmn_qty"), row.optionalQuantity("rjct_qty", 0),
                    "Y".equalsIgnoreCase(row.optionalText("cncl_yn", "N")), row.optionalText("excg_id_dvsn_cd", ""));
        }).toList();
        JsonNode body = response.body();
        DailyExecutionSummary summary = null;
        if (body.hasNonNull("output2")) {
            ResponseFields total = ResponseFields.object(what, body, "output2");
            summary = new DailyExecutionSummary(total.quantity("tot_ord_qty"), total.quantity("tot_ccld_qty"),
                    total.decimal("tot_ccld_amt"), total.decimal("prsm_tlex_smtl"), total.decimal("pchs_avg_pric"));
        }
        return new DailyExecutionPage(orders, summary);
    }

    private RevisableOrdersPage revisableOrdersPage(KisResponse response) {
        String what = response.trId();
        return new RevisableOrdersPage(ResponseFields.rows(what, response.body(), "output").stream()
                .map(row -> new RevisableOrder(row.optionalText("ord_gno_brno", ""), row.identifier("odno"),
                        row.optionalText("orgn_odno", ""), side(what, row.text("sll_buy_dvsn_cd")),
                        row.identifier("pdno"), row.optionalText("prdt_name", ""), row.optionalText("ord_dvsn_cd", ""),
                        row.quantity("ord_qty"), row.decimal("ord_unpr"), row.time("ord_tmd"),
                        row.quantity("tot_ccld_qty"), row.decimal("tot_ccld_amt"), row.quantity("psbl_qty"),
                        row.optionalText("excg_id_dvsn_cd", "")))
                .toList());
    }

    private BalancePage balancePage(KisResponse response) {
        String what = response.trId();
        List<Position> positions = ResponseFields.rows(what, response.body(), "output1").stream()
                .map(row -> new Position(row.identifier("pdno"), row.optionalText("prdt_name", ""),
                        row.quantity("hldg_qty"), row.quantity("ord_psbl_qty"), row.decimal("pchs_avg_pric"),
                        row.decimal("pchs_amt"), row.decimal("prpr"), row.decimal("evlu_amt"),
                        row.decimal("evlu_pfls_amt")))
                .toList();
        ResponseFields cash = ResponseFields.object(what, response.body(), "output2");
        return new BalancePage(positions, new CashSummary(cash.decimal("dnca_tot_amt"), cash.decimal("nxdy_excc_amt"),
                cash.decimal("prvs_rcdl_excc_amt"), cash.decimal("tot_evlu_amt"), cash.decimal("nass_amt")));
    }

    private static OrderSide side(String what, String code) {
        OrderSide side = OrderSide.fromCode(code.strip());
        if (side == null) {
            throw new KisAmbiguousOutcome(KisAmbiguousOutcome.Reason.UNPARSABLE_BODY, what, 200,
                    "sll_buy_dvsn_cd is neither 01 nor 02", null);
        }
        return side;
    }

}
