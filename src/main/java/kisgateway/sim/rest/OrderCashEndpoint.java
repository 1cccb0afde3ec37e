package kisgateway.sim.rest;

import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import kisgateway.sim.KisEnv;
import kisgateway.sim.SimAccount;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.OrderOutcome;
import kisgateway.sim.trading.OrderRequest;
import kisgateway.sim.trading.OrderSource;
import kisgateway.sim.trading.Side;

/** POST /uapi/domestic-stock/v1/trading/order-cash: a cash buy or sell, the side given by the TR ID. */
final class OrderCashEndpoint implements KisEndpoint {
    static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final Logger LOG = LoggerFactory.getLogger(OrderCashEndpoint.class);
    private static final Set<String> REAL_EXCHANGES = Set.of("KRX", "NXT", "SOR");

    private final MatchingEngine engine;
    private final FaultPlan faults;
    private final Vertx vertx;

    OrderCashEndpoint(MatchingEngine engine, FaultPlan faults, Vertx vertx) {
        this.engine = engine;
        this.faults = faults;
        this.vertx = vertx;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromBody("CANO", "ACNT_PRDT_CD", "PDNO", "ORD_DVSN", "ORD_QTY",
                "ORD_UNPR");
        if (account.isEmpty()) {
            return;
        }
        Optional<OrderKind> kind = OrderKind.ofCode(call.field("ORD_DVSN"));
        if (kind.isEmpty()) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_ORD_DVSN", call.trId);
            return;
        }
        String exchange = exchangeOf(call, engine.env());
        if (exchange == null) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_EXCG_ID_DVSN_CD", call.trId);
            return;
        }
        boolean buy = TrCatalog.isBuy(call.trId);
        long qty = KisNumber.parse(call.field("ORD_QTY"));
        long price = KisNumber.parse(call.field("ORD_UNPR"));
        long stop = KisNumber.parseOptional(call.field("CNDT_PRIC"));
        String cano = account.get().cano();
        OrderOutcome outcome = engine.place(new OrderRequest(cano, call.field("PDNO"), buy ? Side.BUY : Side.SELL,
                kind.get(), qty, kind.get().needsPrice() ? price : 0, Math.max(0, stop), exchange, OrderSource.API,
                call.admittedNanos));
        if (!outcome.isBooked()) {
            LOG.info("order refused cano={} pdno={} side={} reason={}", cano, call.field("PDNO"), buy ? "buy" : "sell",
                    outcome.reject());
            call.reply(BusinessMessages.reject(outcome.reject(), engine.env()));
            return;
        }
        LOG.debug("order booked cano={} odno={} pdno={} side={} qty={} price={}", cano, outcome.odno(),
                call.field("PDNO"), buy ? "buy" : "sell", qty, price);
        BookedOrderReply.send(call, bookedBody(BusinessMessages.orderBooked(engine.env(), buy), outcome, engine.env()),
                faults, vertx);
    }

    /** The output of both order functions: branch, new ODNO, order time. */
    static ObjectNode bookedBody(BusinessMessages.Message m, OrderOutcome outcome, KisEnv env) {
        ObjectNode body = KisReply.envelope(m);
        ObjectNode output = body.putObject("output");
        output.put("KRX_FWDG_ORD_ORGNO", env.branchCode());
        output.put("ODNO", outcome.odno());
        output.put("ORD_TMD", outcome.orderedAt().format(HHMMSS));
        return body;
    }

    /** EXCG_ID_DVSN_CD: KRX when absent; paper trades KRX only. Null when not acceptable. */
    static String exchangeOf(KisCall call, KisEnv env) {
        String exchange = call.field("EXCG_ID_DVSN_CD");
        if (exchange == null || exchange.isEmpty()) {
            return "KRX";
        }
        if (env.isPaper() ? !exchange.equals("KRX") : !REAL_EXCHANGES.contains(exchange)) {
            return null;
        }
        return exchange;
    }
}
