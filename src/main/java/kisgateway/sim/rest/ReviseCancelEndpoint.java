package kisgateway.sim.rest;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import kisgateway.sim.SimAccount;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.OrderOutcome;
import kisgateway.sim.trading.OrderSource;
import kisgateway.sim.trading.ReviseCancelRequest;

/**
 * POST /uapi/domestic-stock/v1/trading/order-rvsecncl: revise (01) or cancel (02) the unfilled rest of an order.
 * KIS books the change as a new order with a new ODNO (spec example: 0001569136 → 0001569139).
 */
final class ReviseCancelEndpoint implements KisEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ReviseCancelEndpoint.class);

    private final MatchingEngine engine;
    private final FaultPlan faults;
    private final Vertx vertx;

    ReviseCancelEndpoint(MatchingEngine engine, FaultPlan faults, Vertx vertx) {
        this.engine = engine;
        this.faults = faults;
        this.vertx = vertx;
    }

    @Override
    public void handle(KisCall call) {
        Optional<SimAccount> account = call.accountFromBody("CANO", "ACNT_PRDT_CD", "KRX_FWDG_ORD_ORGNO",
                "ORGN_ODNO", "ORD_DVSN", "RVSE_CNCL_DVSN_CD", "ORD_QTY", "ORD_UNPR", "QTY_ALL_ORD_YN");
        if (account.isEmpty()) {
            return;
        }
        String dvsn = call.field("RVSE_CNCL_DVSN_CD");
        if (!dvsn.equals("01") && !dvsn.equals("02")) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_RVSE_CNCL_DVSN_CD", call.trId);
            return;
        }
        boolean cancel = dvsn.equals("02");
        Optional<OrderKind> kind = OrderKind.ofCode(call.field("ORD_DVSN"));
        if (kind.isEmpty() && !cancel) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_ORD_DVSN", call.trId);
            return;
        }
        String allQty = call.field("QTY_ALL_ORD_YN");
        if (!allQty.equals("Y") && !allQty.equals("N")) {
            KisReply.inputError(call.rc, "OPSQ2001", "ERROR : INPUT INVALID_CHECK_QTY_ALL_ORD_YN", call.trId);
            return;
        }
        String cano = account.get().cano();
        String origOdno = paddedOrderNumber(call.field("ORGN_ODNO"));
        OrderOutcome outcome = engine.reviseOrCancel(new ReviseCancelRequest(cano, origOdno,
                call.field("KRX_FWDG_ORD_ORGNO"), cancel ? OrderAction.CANCEL : OrderAction.REVISE,
                kind.orElse(OrderKind.LIMIT), KisNumber.parse(call.field("ORD_QTY")), allQty.equals("Y"),
                KisNumber.parse(call.field("ORD_UNPR")), Math.max(0, KisNumber.parseOptional(call.field("CNDT_PRIC"))),
                OrderSource.API, call.admittedNanos));
        if (!outcome.isBooked()) {
            LOG.info("{} refused cano={} orgn_odno={} reason={}", cancel ? "cancel" : "revision", cano, origOdno,
                    outcome.reject());
            call.reply(BusinessMessages.reject(outcome.reject(), engine.env()));
            return;
        }
        BookedOrderReply.send(call, OrderCashEndpoint.bookedBody(
                BusinessMessages.reviseCancelBooked(engine.env(), cancel), outcome, engine.env()), faults, vertx);
    }

    /** ODNO travels zero-padded to 10 digits; older paper answers showed it unpadded, so accept both. */
    static String paddedOrderNumber(String odno) {
        String digits = odno.trim();
        return digits.length() >= 10 || !digits.chars().allMatch(Character::isDigit)
                ? digits : "0".repeat(10 - digits.length()) + digits;
    }
}
