package kisgateway.sim.admin;

import java.math.BigDecimal;

import kisgateway.sim.trading.CashView;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.OrderOutcome;
import kisgateway.sim.trading.OrderRequest;
import kisgateway.sim.trading.OrderSource;
import kisgateway.sim.trading.ReviseCancelRequest;
import kisgateway.sim.trading.Side;

/**
 * Changes made outside the gateway, for reconciliation tests: orders from HTS (they produce notices like any
 * other), transfers of shares and cash.
 */
public final class OutsideActivity {
    private final MatchingEngine engine;

    public OutsideActivity(MatchingEngine engine) {
        this.engine = engine;
    }

    public OrderOutcome placeOrder(String cano, String symbol, Side side, OrderKind kind, long qty, long price) {
        return engine.place(new OrderRequest(cano, symbol, side, kind, qty, price, 0, "KRX", OrderSource.HTS,
                System.nanoTime()));
    }

    /** Cancels {@code qty} shares (0: all) of the unfilled rest of {@code odno}. */
    public OrderOutcome cancelOrder(String cano, String odno, long qty) {
        return engine.reviseOrCancel(new ReviseCancelRequest(cano, odno, engine.env().branchCode(),
                OrderAction.CANCEL, OrderKind.LIMIT, qty, qty <= 0, 0, 0, OrderSource.HTS, System.nanoTime()));
    }

    public void setPosition(String cano, String symbol, long qty, BigDecimal averagePrice) {
        engine.setPosition(cano, symbol, qty, averagePrice);
    }

    public CashView adjustCash(String cano, long delta) {
        return engine.adjustCash(cano, delta);
    }

    public CashView setCash(String cano, long settled) {
        return engine.setSettledCash(cano, settled);
    }
}
