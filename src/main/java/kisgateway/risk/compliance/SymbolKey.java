package kisgateway.risk.compliance;

import kisgateway.risk.RiskOrder;

/** The (account, symbol) pair the rate and burst limits count per. */
record SymbolKey(String account, String symbol) {

    static SymbolKey of(RiskOrder order) {
        return new SymbolKey(order.account(), order.symbol());
    }
}
