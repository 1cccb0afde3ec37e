package kisgateway.sim.trading;

import java.util.List;

import kisgateway.sim.SimAccount;

/** Everything the simulator knows about one account, copied at one instant. */
public record AccountView(SimAccount account, CashView cash, long depositAtOpen, List<HoldingView> holdings,
                          List<OrderView> orders, List<Fill> fills) {
}
