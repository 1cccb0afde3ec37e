package kisgateway.sim.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.KisEnv;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimJson;
import kisgateway.sim.market.Instrument;
import kisgateway.sim.trading.AccountView;
import kisgateway.sim.trading.CashView;
import kisgateway.sim.trading.HoldingView;
import kisgateway.sim.trading.MatchingEngine;

/**
 * GET …/trading/inquire-balance (docs/architecture.md#tr-ids): positions in output1 (50 a page real, 20 paper, by
 * symbol; positions
 * sold out today stay listed with 0 shares) and output2 as an array holding one cash object on every page.
 */
final class BalanceEndpoint implements KisEndpoint {
    private final MatchingEngine engine;

    BalanceEndpoint(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromQuery("CANO", "ACNT_PRDT_CD");
        if (account.isEmpty()) {
            return;
        }
        KisEnv env = engine.env();
        String cano = account.get().cano();
        AccountView view = engine.account(cano);
        ContinuationArea.Page<HoldingView> page = ContinuationArea.page(view.holdings().stream()
                        .sorted(Comparator.comparing(HoldingView::symbol)).toList(),
                HoldingView::symbol, false, ContinuationArea.cursor(call, cano), env.balancePageSize());

        ObjectNode body = KisReply.envelope(BusinessMessages.queried(env, !page.more()));
        body.put("ctx_area_fk100", ContinuationArea.pad(cano + "^01^" + call.query("INQR_DVSN") + "^"
                + call.query("PRCS_DVSN") + "^"));
        body.put("ctx_area_nk100", ContinuationArea.nk100(cano, page));
        ArrayNode positions = body.putArray("output1");
        for (HoldingView h : page.rows()) {
            positions.add(position(h, engine.instrument(h.symbol()).orElseThrow()));
        }
        body.putArray("output2").add(summary(view));
        call.reply(body, page.trCont());
    }

    private static ObjectNode position(HoldingView h, Instrument instrument) {
        long prevClose = instrument.previousClose();
        ObjectNode p = SimJson.object();
        p.put("pdno", h.symbol());
        p.put("prdt_name", instrument.name());
        p.put("trad_dvsn_name", "현금");
        p.put("bfdy_buy_qty", "0");
        p.put("bfdy_sll_qty", "0");
        p.put("thdt_buyqty", Long.toString(h.todayBuyQty()));
        p.put("thdt_sll_qty", Long.toString(h.todaySellQty()));
        p.put("hldg_qty", Long.toString(h.qty()));
        p.put("ord_psbl_qty", Long.toString(h.sellableQty()));
        p.put("pchs_avg_pric", h.averagePrice().setScale(4, RoundingMode.HALF_UP).toPlainString());
        p.put("pchs_amt", Long.toString(h.purchaseAmount()));
        p.put("prpr", Long.toString(h.currentPrice()));
        p.put("evlu_amt", Long.toString(h.evaluationAmount()));
        p.put("evlu_pfls_amt", Long.toString(h.profitLoss()));
        String rate = percent(h.profitLoss(), h.purchaseAmount());
        p.put("evlu_pfls_rt", rate);
        p.put("evlu_erng_rt", rate);
        p.put("loan_dt", "");
        p.put("loan_amt", "0");
        p.put("stln_slng_chgs", "0");
        p.put("expd_dt", "");
        p.put("fltt_rt", percent(h.currentPrice() - prevClose, prevClose));
        p.put("bfdy_cprs_icdc", Long.toString(h.currentPrice() - prevClose));
        p.put("item_mgna_rt_name", "20%");
        p.put("grta_rt_name", "");
        p.put("sbst_pric", Long.toString(prevClose * 7 / 10 / 10 * 10));
        p.put("stck_loan_unpr", "0.0000");
        return p;
    }

    private static ObjectNode summary(AccountView view) {
        CashView cash = view.cash();
        long purchase = 0;
        long evaluation = 0;
        for (HoldingView h : view.holdings()) {
            purchase += h.purchaseAmount();
            evaluation += h.evaluationAmount();
        }
        long total = cash.settled() + evaluation;
        ObjectNode s = SimJson.object();
        s.put("dnca_tot_amt", Long.toString(cash.deposit()));
        s.put("nxdy_excc_amt", Long.toString(cash.settled()));
        s.put("prvs_rcdl_excc_amt", Long.toString(cash.settled()));
        s.put("cma_evlu_amt", "0");
        s.put("bfdy_buy_amt", "0");
        s.put("thdt_buy_amt", Long.toString(cash.todayBuyAmount()));
        s.put("nxdy_auto_rdpt_amt", "0");
        s.put("bfdy_sll_amt", "0");
        s.put("thdt_sll_amt", Long.toString(cash.todaySellAmount()));
        s.put("d2_auto_rdpt_amt", "0");
        s.put("bfdy_tlex_amt", "0");
        s.put("thdt_tlex_amt", "0");
        s.put("tot_loan_amt", "0");
        s.put("scts_evlu_amt", Long.toString(evaluation));
        s.put("tot_evlu_amt", Long.toString(total));
        s.put("nass_amt", Long.toString(total));
        s.put("fncg_gld_auto_rdpt_yn", "");
        s.put("pchs_amt_smtl_amt", Long.toString(purchase));
        s.put("evlu_amt_smtl_amt", Long.toString(evaluation));
        s.put("evlu_pfls_smtl_amt", Long.toString(evaluation - purchase));
        s.put("tot_stln_slng_chgs", "0");
        s.put("bfdy_tot_asst_evlu_amt", Long.toString(view.depositAtOpen()));
        s.put("asst_icdc_amt", Long.toString(total - view.depositAtOpen()));
        s.put("asst_icdc_erng_rt", percent(total - view.depositAtOpen(), view.depositAtOpen()));
        return s;
    }

    /** A percentage with 2 decimals, "0.00" when the base is 0. */
    static String percent(long part, long base) {
        if (base == 0) {
            return "0.00";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP).toPlainString();
    }
}
