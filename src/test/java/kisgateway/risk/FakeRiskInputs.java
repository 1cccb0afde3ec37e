package kisgateway.risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link RiskInputs} the test fills in; counts calls to prove what evaluate asks for. */
public final class FakeRiskInputs implements RiskInputs {

    public final Map<String, Long> positions = new HashMap<>();
    public final List<WorkingOrder> working = new ArrayList<>();
    public final Map<String, BigDecimal> lastPrices = new HashMap<>();
    public final Map<String, InstrumentKind> kinds = new HashMap<>();
    public BigDecimal dailyPnl = BigDecimal.ZERO;
    public BigDecimal grossExposure = BigDecimal.ZERO;
    /** The account's open orders; null: unknown. */
    public Long openOrders = 0L;
    public int calls;
    public final Map<String, Integer> callsByMethod = new HashMap<>();
    public RuntimeException failure;

    public FakeRiskInputs position(String symbol, long quantity) {
        positions.put(symbol, quantity);
        return this;
    }

    public FakeRiskInputs lastPrice(String symbol, String price) {
        lastPrices.put(symbol, new BigDecimal(price));
        return this;
    }

    public FakeRiskInputs working(WorkingOrder order) {
        working.add(order);
        return this;
    }

    @Override
    public long positionQuantity(String account, String symbol) {
        count("positionQuantity");
        return positions.getOrDefault(symbol, 0L);
    }

    @Override
    public List<WorkingOrder> workingOrders(String account) {
        count("workingOrders");
        return List.copyOf(working);
    }

    @Override
    public Optional<BigDecimal> lastPrice(String symbol) {
        count("lastPrice");
        return Optional.ofNullable(lastPrices.get(symbol));
    }

    @Override
    public Optional<BigDecimal> dailyPnl(String account) {
        count("dailyPnl");
        return Optional.ofNullable(dailyPnl);
    }

    @Override
    public Optional<BigDecimal> grossExposure(String account) {
        count("grossExposure");
        return Optional.ofNullable(grossExposure);
    }

    @Override
    public java.util.OptionalLong openOrders(String account, String screenedOrderRef) {
        count("openOrders");
        return openOrders == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(openOrders);
    }

    @Override
    public InstrumentKind instrumentKind(String symbol) {
        count("instrumentKind");
        return kinds.getOrDefault(symbol, InstrumentKind.STOCK);
    }

    private void count(String method) {
        calls++;
        callsByMethod.merge(method, 1, Integer::sum);
        if (failure != null) {
            throw failure;
        }
    }
}
