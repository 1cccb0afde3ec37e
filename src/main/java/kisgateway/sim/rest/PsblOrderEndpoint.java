package kisgateway.sim.rest;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.SimAccount;
import kisgateway.sim.market.TradeTick;
import kisgateway.sim.trading.CashView;
import kisgateway.sim.trading.MatchingEngine;

/**
 * GET …/trading/inquire-psbl-order (docs/architecture.md#tr-ids): buying power. Without a price, or for ORD_DVSN 01,
 * the quantity
 * is computed at the upper limit, which is what a market buy is margined at; no margin loan (미수) exists here,
 * so the nrcvb_* figures equal the max_* ones.
 */
final class PsblOrderEndpoint implements KisEndpoint {
    private final MatchingEngine engine;

    PsblOrderEndpoint(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromQuery("CANO", "ACNT_PRDT_CD", "PDNO", "ORD_UNPR", "ORD_DVSN",
                "CMA_EVLU_AMT_ICLD_YN", "OVRS_ICLD_YN");
        if (account.isEmpty()) {
            return;
        }
        CashView cash = engine.account(account.get().cano()).cash();
        long orderable = Math.max(0, cash.orderable());
        long price = KisNumber.parseOptional(call.query("ORD_UNPR"));
        Optional<TradeTick> tick = engine.tick(call.query("PDNO"));
        if ((price <= 0 || "01".equals(call.query("ORD_DVSN"))) && tick.isPresent()) {
            price = tick.get().band().upper();
        }
        long qty = price > 0 ? orderable / price : 0;
        ObjectNode body = KisReply.envelope(BusinessMessages.queried(engine.env(), true));
        ObjectNode out = body.putObject("output");
        out.put("ord_psbl_cash", Long.toString(orderable));
        out.put("ord_psbl_sbst", "0");
        out.put("ruse_psbl_amt", "0");
        out.put("fund_rpch_chgs", "0");
        out.put("psbl_qty_calc_unpr", Long.toString(Math.max(0, price)));
        out.put("nrcvb_buy_amt", Long.toString(orderable));
        out.put("nrcvb_buy_qty", Long.toString(qty));
        out.put("max_buy_amt", Long.toString(orderable));
        out.put("max_buy_qty", Long.toString(qty));
        out.put("cma_evlu_amt", "0");
        out.put("ovrs_re_use_amt_wcrc", "0");
        out.put("ord_psbl_frcr_amt_wcrc", "0");
        call.reply(body, null);
    }
}
