package kisgateway.sim.trading;

import kisgateway.sim.market.TradeTick;

/** Receives what the engine does, in order, while the engine's lock is held: implementations must not block. */
public interface OrderEventSink {

    void onOrderEvent(OrderEvent event);

    void onTrade(TradeTick tick);
}
