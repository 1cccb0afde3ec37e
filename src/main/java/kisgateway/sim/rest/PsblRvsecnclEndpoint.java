package kisgateway.sim.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.KisEnv;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimJson;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderView;

/**
 * GET …/trading/inquire-psbl-rvsecncl (docs/architecture.md#tr-ids, real domain only): the orders that can still be
 * revised or
 * cancelled, 50 a page. Fully filled or cancelled orders are not listed.
 */
final class PsblRvsecnclEndpoint implements KisEndpoint {
    static final int PAGE_SIZE = 50;

    private final MatchingEngine engine;

    PsblRvsecnclEndpoint(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromQuery("CANO", "ACNT_PRDT_CD", "INQR_DVSN_1", "INQR_DVSN_2");
        if (account.isEmpty()) {
            return;
        }
        KisEnv env = engine.env();
        String cano = account.get().cano();
        String side = call.query("INQR_DVSN_2");
        List<OrderView> open = new ArrayList<>();
        for (OrderView o : engine.account(cano).orders()) {
            boolean sideMatches = side.isEmpty() || side.equals("0") || (side.equals("1") && !o.side().isBuy())
                    || (side.equals("2") && o.side().isBuy());
            if (o.remainingQty() > 0 && sideMatches) {
                open.add(o);
            }
        }
        // INQR_DVSN_1 "1" orders by symbol; the cursor key keeps the order total either way.
        boolean bySymbol = "1".equals(call.query("INQR_DVSN_1"));
        Function<OrderView, String> key = bySymbol ? o -> o.symbol() + o.odno() : OrderView::odno;
        open.sort(Comparator.comparing(key));
        ContinuationArea.Page<OrderView> page = ContinuationArea.page(open, key, false,
                ContinuationArea.cursor(call, cano), PAGE_SIZE);

        ObjectNode body = KisReply.envelope(BusinessMessages.queried(env, !page.more()));
        body.put("ctx_area_fk100", ContinuationArea.pad(cano + "^01^" + call.query("INQR_DVSN_1") + "^" + side + "^"));
        body.put("ctx_area_nk100", ContinuationArea.nk100(cano, page));
        ArrayNode rows = body.putArray("output");
        for (OrderView o : page.rows()) {
            ObjectNode r = SimJson.object();
            r.put("ord_gno_brno", env.branchCode());
            r.put("odno", o.odno());
            r.put("orgn_odno", o.origOdno());
            r.put("ord_dvsn_name", o.kind().koreanName());
            r.put("pdno", o.symbol());
            r.put("prdt_name", o.name());
            r.put("rvse_cncl_dvsn_name", o.action() == OrderAction.REVISE ? "정정" : "");
            r.put("ord_qty", Long.toString(o.qty()));
            r.put("ord_unpr", Long.toString(o.price()));
            r.put("ord_tmd", o.orderedAt().format(OrderCashEndpoint.HHMMSS));
            r.put("tot_ccld_qty", Long.toString(o.filledQty()));
            r.put("tot_ccld_amt", Long.toString(o.filledAmount()));
            r.put("psbl_qty", Long.toString(o.remainingQty()));
            r.put("sll_buy_dvsn_cd", o.side().code());
            r.put("ord_dvsn_cd", o.kind().code());
            r.put("mgco_aptm_odno", "");
            r.put("excg_dvsn_cd", "01");
            r.put("excg_id_dvsn_cd", o.exchange());
            r.put("excg_id_dvsn_name", o.exchange());
            r.put("stpm_cndt_pric", Long.toString(o.stopPrice()));
            r.put("stpm_efct_occr_yn", "N");
            rows.add(r);
        }
        call.reply(body, page.trCont());
    }
}
