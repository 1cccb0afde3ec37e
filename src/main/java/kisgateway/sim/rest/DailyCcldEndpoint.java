package kisgateway.sim.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.KisEnv;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimJson;
import kisgateway.sim.trading.AccountView;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderView;

/**
 * GET …/trading/inquire-daily-ccld (docs/architecture.md#tr-ids): the day's order records (new, revision and cancel
 * records each a
 * row) with their fills, filtered, in ODNO order (INQR_DVSN 00 newest first, 01 oldest first), 100 rows a page
 * on the real domain and 15 on paper. output2 sums every matching row, not only the page.
 */
final class DailyCcldEndpoint implements KisEndpoint {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final MatchingEngine engine;

    DailyCcldEndpoint(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromQuery("CANO", "ACNT_PRDT_CD", "INQR_STRT_DT",
                "INQR_END_DT");
        if (account.isEmpty()) {
            return;
        }
        KisEnv env = engine.env();
        AccountView view = engine.account(account.get().cano());
        boolean descending = !"01".equals(call.query("INQR_DVSN"));
        List<OrderView> matching = new ArrayList<>();
        for (OrderView o : view.orders()) {
            if (matches(o, call, env)) {
                matching.add(o);
            }
        }
        Comparator<OrderView> byOdno = Comparator.comparing(OrderView::odno);
        matching.sort(descending ? byOdno.reversed() : byOdno);
        String cano = account.get().cano();
        ContinuationArea.Page<OrderView> page = ContinuationArea.page(matching, OrderView::odno, descending,
                ContinuationArea.cursor(call, cano), env.dailyCcldPageSize());

        ObjectNode body = KisReply.envelope(BusinessMessages.queried(env, !page.more()));
        body.put("ctx_area_fk100", ContinuationArea.pad(cano + "^01^" + call.query("SLL_BUY_DVSN_CD") + "^"
                + call.query("CCLD_DVSN") + "^" + call.query("INQR_DVSN") + "^" + call.query("PDNO") + "^"
                + call.query("ODNO") + "^"));
        body.put("ctx_area_nk100", ContinuationArea.nk100(cano, page));
        ArrayNode rows = body.putArray("output1");
        for (OrderView o : page.rows()) {
            rows.add(row(o, env));
        }
        body.set("output2", totals(matching));
        call.reply(body, page.trCont());
    }

    private static boolean matches(OrderView o, KisCall call, KisEnv env) {
        String date = o.orderedAt().format(YYYYMMDD);
        if (date.compareTo(call.query("INQR_STRT_DT")) < 0 || date.compareTo(call.query("INQR_END_DT")) > 0) {
            return false;
        }
        String side = call.query("SLL_BUY_DVSN_CD");
        if (!side.isEmpty() && !side.equals("00") && !side.equals(o.side().code())) {
            return false;
        }
        String pdno = call.query("PDNO");
        if (!pdno.isEmpty() && !pdno.equals(o.symbol())) {
            return false;
        }
        String odno = call.query("ODNO");
        if (!odno.isEmpty() && !ReviseCancelEndpoint.paddedOrderNumber(odno).equals(o.odno())) {
            return false;
        }
        String branch = call.query("ORD_GNO_BRNO");
        if (!branch.isEmpty() && !branch.equals(env.branchCode())) {
            return false;
        }
        String credit = call.query("INQR_DVSN_3");
        if (!credit.isEmpty() && !credit.equals("00") && !credit.equals("01")) {
            return false;
        }
        String exchange = call.query("EXCG_ID_DVSN_CD");
        if (!exchange.isEmpty() && !exchange.equals("ALL") && !exchange.equals(o.exchange())) {
            return false;
        }
        return switch (call.query("CCLD_DVSN")) {
            case "01" -> o.filledQty() > 0;
            case "02" -> o.remainingQty() > 0;
            default -> true;
        };
    }

    private static ObjectNode row(OrderView o, KisEnv env) {
        ObjectNode r = SimJson.object();
        r.put("ord_dt", o.orderedAt().format(YYYYMMDD));
        r.put("ord_gno_brno", env.branchCode());
        r.put("odno", o.odno());
        r.put("orgn_odno", o.origOdno());
        r.put("ord_dvsn_name", o.kind().koreanName());
        r.put("sll_buy_dvsn_cd", o.side().code());
        r.put("sll_buy_dvsn_cd_name", sideName(o));
        r.put("pdno", o.symbol());
        r.put("prdt_name", o.name());
        r.put("ord_qty", Long.toString(o.qty()));
        r.put("ord_unpr", Long.toString(o.price()));
        r.put("ord_tmd", o.orderedAt().format(OrderCashEndpoint.HHMMSS));
        r.put("tot_ccld_qty", Long.toString(o.filledQty()));
        r.put("avg_prvs", Long.toString(o.averagePrice()));
        r.put("cncl_yn", o.action() == OrderAction.CANCEL ? "Y" : "N");
        r.put("tot_ccld_amt", Long.toString(o.filledAmount()));
        r.put("loan_dt", "");
        r.put("ordr_empno", "");
        r.put("ord_dvsn_cd", o.kind().code());
        // The spec's table names this cnc_cfrm_qty and its example cncl_cfrm_qty: both are sent.
        r.put("cnc_cfrm_qty", Long.toString(o.canceledQty()));
        r.put("cncl_cfrm_qty", Long.toString(o.canceledQty()));
        r.put("rmn_qty", Long.toString(o.remainingQty()));
        r.put("rjct_qty", Long.toString(o.rejectedQty()));
        r.put("ccld_cndt_name", o.kind().condition().koreanName());
        r.put("inqr_ip_addr", "");
        r.put("cpbc_ordp_ord_rcit_dvsn_cd", "");
        r.put("cpbc_ordp_infm_mthd_dvsn_cd", "");
        // python-kis #27: infm_tmd is empty on real accounts.
        r.put("infm_tmd", "");
        r.put("ctac_tlno", "");
        r.put("prdt_type_cd", "300");
        r.put("excg_dvsn_cd", "01");
        r.put("cpbc_ordp_mtrl_dvsn_cd", "");
        r.put("ord_orgno", env.branchCode());
        r.put("rsvn_ord_end_dt", "");
        r.put("excg_id_dvsn_Cd", o.exchange());
        r.put("stpm_cndt_pric", Long.toString(o.stopPrice()));
        r.put("stpm_efct_occr_dtmd", "");
        return r;
    }

    /** 현금매수 / 현금매도 for new orders; 매수정정* / 매도취소* … for revision and cancel records. */
    private static String sideName(OrderView o) {
        return switch (o.action()) {
            case NEW -> "현금" + o.side().koreanName();
            case REVISE -> o.side().koreanName() + "정정*";
            case CANCEL -> o.side().koreanName() + "취소*";
        };
    }

    private static ObjectNode totals(List<OrderView> orders) {
        long ordered = 0;
        long filled = 0;
        long amount = 0;
        for (OrderView o : orders) {
            if (o.action() != OrderAction.CANCEL) {
                ordered += o.qty();
            }
            filled += o.filledQty();
            amount += o.filledAmount();
        }
        ObjectNode t = SimJson.object();
        t.put("tot_ord_qty", Long.toString(ordered));
        t.put("tot_ccld_qty", Long.toString(filled));
        t.put("tot_ccld_amt", Long.toString(amount));
        t.put("prsm_tlex_smtl", "0");
        t.put("pchs_avg_pric", filled == 0 ? "0.0000"
                : BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(filled), 4, RoundingMode.HALF_UP).toPlainString());
        return t;
    }
}
