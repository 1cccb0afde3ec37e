package kisgateway.sim.admin;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kisgateway.sim.SimJson;
import kisgateway.sim.trading.AccountView;
import kisgateway.sim.trading.CashView;
import kisgateway.sim.trading.Fill;
import kisgateway.sim.trading.HoldingView;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderView;
import kisgateway.sim.ws.NoticeDispatcher;

/** What really happened, per account: orders, fills (and whether their notice was suppressed), positions, cash. */
public final class SimulatorTruth {
    private final MatchingEngine engine;
    private final NoticeDispatcher notices;

    public SimulatorTruth(MatchingEngine engine, NoticeDispatcher notices) {
        this.engine = engine;
        this.notices = notices;
    }

    public AccountView account(String cano) {
        return engine.account(cano);
    }

    public List<AccountView> accounts() {
        return engine.accounts();
    }

    /** True if the fault plan kept this fill's notice off the stream. */
    public boolean fillNoticeSuppressed(long fillSeq) {
        return notices.fillSuppressed(fillSeq);
    }

    public ObjectNode toJson(AccountView a) {
        ObjectNode out = SimJson.object();
        out.put("cano", a.account().cano());
        out.put("accountNumber", a.account().accountNumber());
        out.put("htsId", a.account().htsId());
        CashView c = a.cash();
        ObjectNode cash = out.putObject("cash");
        cash.put("depositAtOpen", a.depositAtOpen());
        cash.put("deposit", c.deposit());
        cash.put("todayBuyAmount", c.todayBuyAmount());
        cash.put("todaySellAmount", c.todaySellAmount());
        cash.put("settled", c.settled());
        cash.put("reserved", c.reserved());
        cash.put("orderable", c.orderable());
        ArrayNode positions = out.putArray("positions");
        for (HoldingView h : a.holdings()) {
            ObjectNode p = positions.addObject();
            p.put("symbol", h.symbol());
            p.put("qty", h.qty());
            p.put("sellableQty", h.sellableQty());
            p.put("averagePrice", h.averagePrice());
            p.put("purchaseAmount", h.purchaseAmount());
            p.put("todayBuyQty", h.todayBuyQty());
            p.put("todaySellQty", h.todaySellQty());
            p.put("currentPrice", h.currentPrice());
        }
        ArrayNode orders = out.putArray("orders");
        for (OrderView o : a.orders()) {
            ObjectNode j = orders.addObject();
            j.put("odno", o.odno());
            j.put("origOdno", o.origOdno());
            j.put("action", o.action().name());
            j.put("source", o.source().name());
            j.put("symbol", o.symbol());
            j.put("side", o.side().name());
            j.put("ordDvsn", o.kind().code());
            j.put("qty", o.qty());
            j.put("price", o.price());
            j.put("state", o.state().name());
            j.put("filledQty", o.filledQty());
            j.put("filledAmount", o.filledAmount());
            j.put("avgPrice", o.averagePrice());
            j.put("remainingQty", o.remainingQty());
            j.put("canceledQty", o.canceledQty());
            j.put("revisedQty", o.revisedAwayQty());
            j.put("rejectedQty", o.rejectedQty());
            j.put("exchange", o.exchange());
            j.put("orderedAt", o.orderedAt().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        ArrayNode fills = out.putArray("fills");
        for (Fill f : a.fills()) {
            ObjectNode j = fills.addObject();
            j.put("seq", f.seq());
            j.put("odno", f.odno());
            j.put("symbol", f.symbol());
            j.put("side", f.side().name());
            j.put("qty", f.qty());
            j.put("price", f.price());
            j.put("executedAt", f.executedAt().toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            j.put("noticeSuppressed", notices.fillSuppressed(f.seq()));
        }
        return out;
    }
}
