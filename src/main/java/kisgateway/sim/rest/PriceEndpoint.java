package kisgateway.sim.rest;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.market.Instrument;
import kisgateway.sim.market.TickSize;
import kisgateway.sim.market.TradeTick;
import kisgateway.sim.trading.MatchingEngine;

/**
 * GET /uapi/domestic-stock/v1/quotations/inquire-price (FHKST01010100, the same TR on both domains): the current
 * quote in one output object, fields as [OTA] chk_inquire_price.py lists them.
 */
final class PriceEndpoint implements KisEndpoint {
    private static final Set<String> MARKETS = Set.of("J", "NX", "UN");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final MatchingEngine engine;

    PriceEndpoint(MatchingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(KisCall call) {
        String missing = call.missingQuery("FID_COND_MRKT_DIV_CODE", "FID_INPUT_ISCD");
        if (missing != null) {
            call.replyFieldMissing(missing);
            return;
        }
        if (!MARKETS.contains(call.query("FID_COND_MRKT_DIV_CODE"))) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_MRKT_DIV_CODE", call.trId);
            return;
        }
        Optional<TradeTick> found = engine.tick(call.query("FID_INPUT_ISCD"));
        if (found.isEmpty()) {
            call.reply(new BusinessMessages.Message("1", "APBK0656", "종목정보를 찾을 수 없습니다."));
            return;
        }
        TradeTick t = found.get();
        Instrument i = t.instrument();
        long prev = i.previousClose();
        ObjectNode body = KisReply.envelope(BusinessMessages.quoted());
        ObjectNode o = body.putObject("output");
        o.put("iscd_stat_cls_code", "55");
        o.put("marg_rate", "20.00");
        o.put("rprs_mrkt_kor_name", "KOSPI200");
        o.put("new_hgpr_lwpr_cls_code", "");
        o.put("bstp_kor_isnm", "시뮬레이터업종");
        o.put("temp_stop_yn", "N");
        o.put("oprc_rang_cont_yn", "N");
        o.put("clpr_rang_cont_yn", "N");
        o.put("crdt_able_yn", "Y");
        o.put("grmn_rate_cls_code", "40");
        o.put("elw_pblc_yn", "N");
        o.put("stck_prpr", n(t.price()));
        o.put("prdy_vrss", n(t.change()));
        o.put("prdy_vrss_sign", t.changeSign());
        o.put("prdy_ctrt", BalanceEndpoint.percent(t.change(), prev));
        o.put("acml_tr_pbmn", n(t.turnover()));
        o.put("acml_vol", n(t.volume()));
        o.put("prdy_vrss_vol_rate", "0.00");
        o.put("stck_oprc", n(t.open()));
        o.put("stck_hgpr", n(t.high()));
        o.put("stck_lwpr", n(t.low()));
        o.put("stck_mxpr", n(t.band().upper()));
        o.put("stck_llam", n(t.band().lower()));
        o.put("stck_sdpr", n(prev));
        o.put("wghn_avrg_stck_prc", String.format(Locale.ROOT, "%.2f", t.vwap()));
        o.put("hts_frgn_ehrt", "50.00");
        o.put("frgn_ntby_qty", "0");
        o.put("pgtr_ntby_qty", "0");
        o.put("pvt_scnd_dmrs_prc", n(TickSize.step(prev, 4)));
        o.put("pvt_frst_dmrs_prc", n(TickSize.step(prev, 2)));
        o.put("pvt_pont_val", n(prev));
        o.put("pvt_frst_dmsp_prc", n(TickSize.step(prev, -2)));
        o.put("pvt_scnd_dmsp_prc", n(TickSize.step(prev, -4)));
        o.put("dmrs_val", n(TickSize.step(prev, 3)));
        o.put("dmsp_val", n(TickSize.step(prev, -3)));
        o.put("cpfn", "0");
        o.put("rstc_wdth_prc", n(prev * 30 / 100));
        o.put("stck_fcam", "100");
        o.put("stck_sspr", n(prev * 7 / 10 / 10 * 10));
        o.put("aspr_unit", n(TickSize.at(t.price())));
        o.put("hts_deal_qty_unit_val", "1");
        o.put("lstn_stcn", n(i.listedShares()));
        o.put("hts_avls", n(t.price() * i.listedShares() / 100_000_000L));
        o.put("per", "10.00");
        o.put("pbr", "1.00");
        o.put("stac_month", "12");
        o.put("vol_tnrt", BalanceEndpoint.percent(t.volume(), i.listedShares()));
        o.put("eps", "0.00");
        o.put("bps", "0.00");
        String date = t.time().format(YYYYMMDD);
        for (String prefix : new String[] {"d250", "dryy", "w52"}) {
            boolean w52 = prefix.equals("w52");
            String hi = prefix.equals("dryy") ? "stck_dryy_hgpr" : prefix + "_hgpr";
            String lo = prefix.equals("dryy") ? "stck_dryy_lwpr" : prefix + "_lwpr";
            o.put(hi, n(t.band().upper()));
            o.put(w52 ? "w52_hgpr_vrss_prpr_ctrt" : prefix + "_hgpr_vrss_prpr_rate",
                    BalanceEndpoint.percent(t.price() - t.band().upper(), t.band().upper()));
            o.put(prefix + "_hgpr_date", date);
            o.put(lo, n(t.band().lower()));
            o.put(w52 ? "w52_lwpr_vrss_prpr_ctrt" : prefix + "_lwpr_vrss_prpr_rate",
                    BalanceEndpoint.percent(t.price() - t.band().lower(), t.band().lower()));
            o.put(prefix + "_lwpr_date", date);
        }
        o.put("whol_loan_rmnd_rate", "0.00");
        o.put("ssts_yn", "Y");
        o.put("stck_shrn_iscd", i.code());
        o.put("fcam_cnnm", "100");
        o.put("cpfn_cnnm", "0");
        o.put("apprch_rate", "0.00");
        o.put("frgn_hldn_qty", "0");
        o.put("vi_cls_code", "N");
        o.put("ovtm_vi_cls_code", "N");
        o.put("last_ssts_cntg_qty", "0");
        o.put("invt_caful_yn", "N");
        o.put("mrkt_warn_cls_code", "00");
        o.put("short_over_yn", "N");
        o.put("sltr_yn", "N");
        o.put("mang_issu_cls_code", "N");
        call.reply(body, null);
    }

    private static String n(long v) {
        return Long.toString(v);
    }
}
