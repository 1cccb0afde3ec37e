package kisgateway.sim.trading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import kisgateway.sim.SimAccount;

/** One account's cash, positions, orders and fills. Guarded by the matching engine's lock. */
final class AccountLedger {
    final SimAccount account;
    final long depositAtOpen;
    long deposit;
    long todayBuyAmount;
    long todaySellAmount;
    long reserved;
    final Map<String, Holding> holdings = new LinkedHashMap<>();
    final Map<String, SimOrder> orders = new LinkedHashMap<>();
    final List<Fill> fills = new ArrayList<>();

    AccountLedger(SimAccount account, long initialCash) {
        this.account = account;
        this.depositAtOpen = initialCash;
        this.deposit = initialCash;
    }

    CashView cash() {
        return new CashView(deposit, todayBuyAmount, todaySellAmount, reserved);
    }

    Holding holding(String symbol) {
        return holdings.computeIfAbsent(symbol, Holding::new);
    }

    AccountView view(ToLongFunction<String> currentPrice) {
        List<HoldingView> positions = new ArrayList<>();
        for (Holding h : holdings.values()) {
            if (h.listed()) {
                positions.add(h.view(currentPrice.applyAsLong(h.symbol)));
            }
        }
        List<OrderView> orderViews = new ArrayList<>(orders.size());
        for (SimOrder o : orders.values()) {
            orderViews.add(o.view());
        }
        return new AccountView(account, cash(), depositAtOpen, List.copyOf(positions), List.copyOf(orderViews),
                List.copyOf(fills));
    }
}
