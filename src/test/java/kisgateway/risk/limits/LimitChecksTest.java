package kisgateway.risk.limits;

import static kisgateway.risk.Checks.finding;
import static kisgateway.risk.Checks.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import kisgateway.risk.Exchange;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.InstrumentKind;
import kisgateway.risk.Orders;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitChecksTest {

    // small limits so that boundaries are easy to read
    private static final LimitSettings LIMITS = LimitSettings.fromProperties(Map.of(
            "risk.limits.max-order-value-krw", "1000000",
            "risk.limits.max-order-quantity", "100",
            "risk.limits.max-position-quantity", "500",
            "risk.limits.max-gross-exposure-krw", "10000000",
            "risk.limits.daily-loss-cap-krw", "200000"));

    private FakeRiskInputs inputs;

    @BeforeEach
    void setUp() {
        inputs = new FakeRiskInputs().lastPrice(Orders.SYMBOL, "10000");
    }

    @ParameterizedTest(name = "quantity {0} -> {1}")
    @CsvSource({"1, ALLOW", "100, ALLOW", "101, MAX_ORDER_QUANTITY"})
    void maxOrderQuantity(long quantity, String expected) {
        assertThat(outcome(new OrderQuantityLimit(LIMITS), Orders.limit(Side.SELL, quantity, "10000"), inputs)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} x {1} ({2}) -> {3}")
    @CsvSource({
            "100, 10000, 00, ALLOW",             // exactly 1,000,000
            "100, 10010, 00, MAX_ORDER_VALUE",   // 1,001,000
            "100,      , 01, ALLOW",             // market at last price 10,000
            "101,      , 01, MAX_ORDER_VALUE"
    })
    void maxOrderValue(long quantity, String price, String orderType, String expected) {
        RiskOrder order = Orders.order(Side.BUY, quantity, price, orderType, Exchange.KRX);
        assertThat(outcome(new OrderValueLimit(LIMITS), order, inputs)).isEqualTo(expected);
    }

    @Test
    void maxOrderValueReportsTheValues() {
        assertThat(finding(new OrderValueLimit(LIMITS), Orders.market(Side.SELL, 101), inputs).orElseThrow().values())
                .containsEntry("limit", "1000000").containsEntry("actual", "1010000").containsEntry("priceSource", "lastPrice");
    }

    @Test
    void marketOrderWithoutLastPriceCannotBeBounded() {
        inputs.lastPrices.clear();
        assertThat(outcome(new OrderValueLimit(LIMITS), Orders.market(Side.BUY, 1), inputs)).isEqualTo("RISK_INPUT_UNAVAILABLE");
        assertThat(outcome(new OrderValueLimit(LIMITS), Orders.limit(Side.BUY, 1, "10000"), inputs)).isEqualTo("ALLOW");
    }

    @Test
    void perAccountOverridesFallBackToTheDesksDefaults() {
        LimitSettings s = LimitSettings.fromProperties(Map.of(
                "risk.limits.max-order-quantity", "100",
                "risk.limits.account.acct1.max-order-quantity", "10"));
        assertThat(s.forAccount("acct1").maxOrderQuantity()).isEqualTo(10);
        assertThat(s.forAccount("acct1").maxOrderValue()).isEqualByComparingTo(LimitSettings.DEFAULT_MAX_ORDER_VALUE);
        assertThat(s.forAccount("other").maxOrderQuantity()).isEqualTo(100);
        assertThat(outcome(new OrderQuantityLimit(s), Orders.limit(Side.BUY, 11, "10000"), inputs)).isEqualTo("MAX_ORDER_QUANTITY");
    }

    @ParameterizedTest(name = "held {0}, working buys {1}, buy {2} -> {3}")
    @CsvSource({
            "400, 0,   100, ALLOW",          // exactly 500
            "400, 0,   101, MAX_POSITION",
            "300, 100, 100, ALLOW",
            "300, 100, 101, MAX_POSITION",   // working buys may fill too
            "0,   0,   500, ALLOW"
    })
    void maxPosition(long held, long workingBuys, long quantity, String expected) {
        inputs.position(Orders.SYMBOL, held);
        if (workingBuys > 0) {
            inputs.working(Orders.working("w1", Side.BUY, workingBuys, "10000"));
        }
        assertThat(outcome(new PositionLimit(LIMITS), Orders.limit(Side.BUY, quantity, "10000"), inputs)).isEqualTo(expected);
    }

    @Test
    void positionLimitIgnoresSellsAndOtherSymbols() {
        inputs.position(Orders.SYMBOL, 10_000);
        assertThat(outcome(new PositionLimit(LIMITS), Orders.limit(Side.SELL, 100, "10000"), inputs)).isEqualTo("ALLOW");
        inputs.position(Orders.SYMBOL, 400);
        inputs.working(new WorkingOrder("other", "000660", Side.BUY, new BigDecimal("10000"), 1000));
        assertThat(outcome(new PositionLimit(LIMITS), Orders.limit(Side.BUY, 100, "10000"), inputs)).isEqualTo("ALLOW");
    }

    @Test
    void replaceCountsItsNewQuantityInsteadOfTheRevisedOrders() {
        inputs.position(Orders.SYMBOL, 300);
        WorkingOrder original = Orders.working("w1", Side.BUY, 200, "10000");
        inputs.working(original);
        assertThat(outcome(new PositionLimit(LIMITS), Orders.replace(original, 200, "10000"), inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new PositionLimit(LIMITS), Orders.replace(original, 201, "10000"), inputs)).isEqualTo("MAX_POSITION");
    }

    @ParameterizedTest(name = "exposure {0} + buy {1} x {2} -> {3}")
    @CsvSource({
            "9000000, 100, 10000, ALLOW",              // exactly 10,000,000
            "9000001, 100, 10000, MAX_GROSS_EXPOSURE",
            "9000000, 100,      , ALLOW",              // market at last price
            "9500000, 100,      , MAX_GROSS_EXPOSURE"
    })
    void maxGrossExposure(String exposure, long quantity, String price, String expected) {
        inputs.grossExposure = new BigDecimal(exposure);
        RiskOrder order = Orders.order(Side.BUY, quantity, price, price == null ? "01" : "00", Exchange.KRX);
        assertThat(outcome(new GrossExposureLimit(LIMITS), order, inputs)).isEqualTo(expected);
    }

    @Test
    void grossExposureOfAReplaceReleasesTheRevisedOrder() {
        inputs.grossExposure = new BigDecimal("10000000");   // at the limit, including the working buy below
        WorkingOrder original = Orders.working("w1", Side.BUY, 100, "10000");
        assertThat(outcome(new GrossExposureLimit(LIMITS), Orders.replace(original, 100, "9990"), inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new GrossExposureLimit(LIMITS), Orders.replace(original, 100, "10010"), inputs))
                .isEqualTo("MAX_GROSS_EXPOSURE");
    }

    @Test
    void unknownExposureDeniesBuysOnly() {
        inputs.grossExposure = null;
        assertThat(outcome(new GrossExposureLimit(LIMITS), Orders.limit(Side.BUY, 1, "10000"), inputs)).isEqualTo("RISK_INPUT_UNAVAILABLE");
        assertThat(outcome(new GrossExposureLimit(LIMITS), Orders.limit(Side.SELL, 1, "10000"), inputs)).isEqualTo("ALLOW");
    }

    @ParameterizedTest(name = "pnl {0}, {1} {2} (held 50) -> {3}")
    @CsvSource({
            "-200000, BUY,  1,  ALLOW",           // loss exactly at the cap still trades
            "-200001, BUY,  1,  DAILY_LOSS_CAP",
            "-200001, SELL, 50, ALLOW",           // reducing
            "-200001, SELL, 51, DAILY_LOSS_CAP",  // more than held would open a short
            "1000000, BUY,  1,  ALLOW"
    })
    void dailyLossCap(String pnl, Side side, long quantity, String expected) {
        inputs.dailyPnl = new BigDecimal(pnl);
        inputs.position(Orders.SYMBOL, 50);
        assertThat(outcome(new DailyLossCap(LIMITS), Orders.limit(side, quantity, "10000"), inputs)).isEqualTo(expected);
    }

    @Test
    void dailyLossCapCountsSharesAlreadyOfferedByWorkingSells() {
        inputs.dailyPnl = new BigDecimal("-300000");
        inputs.position(Orders.SYMBOL, 50);
        inputs.working(Orders.working("w1", Side.SELL, 30, "10000"));
        assertThat(outcome(new DailyLossCap(LIMITS), Orders.limit(Side.SELL, 20, "10000"), inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new DailyLossCap(LIMITS), Orders.limit(Side.SELL, 21, "10000"), inputs)).isEqualTo("DAILY_LOSS_CAP");
    }

    @Test
    void unknownPnlDeniesWhatAddsRisk() {
        inputs.dailyPnl = null;
        assertThat(outcome(new DailyLossCap(LIMITS), Orders.limit(Side.BUY, 1, "10000"), inputs)).isEqualTo("RISK_INPUT_UNAVAILABLE");
    }

    @ParameterizedTest(name = "{0} {1} vs last 10000 -> {2}")
    @CsvSource({
            "BUY,  10500, ALLOW",       // +5 % exactly
            "BUY,  10510, PRICE_BAND",
            "SELL, 9500,  ALLOW",       // -5 % exactly
            "SELL, 9490,  PRICE_BAND",
            "SELL, 5000,  PRICE_BAND"   // fat finger on the sell side costs as much
    })
    void priceBand(Side side, String price, String expected) {
        PriceBandGuard guard = new PriceBandGuard(PriceBandSettings.fromProperties(Map.of()));
        assertThat(outcome(guard, Orders.limit(side, 1, price), inputs)).isEqualTo(expected);
    }

    @Test
    void priceBandReportsTheDeviationAndSkipsMarketOrders() {
        PriceBandGuard guard = new PriceBandGuard(PriceBandSettings.fromProperties(Map.of("risk.price-band.max-deviation-percent", "2.5")));
        assertThat(finding(guard, Orders.limit(Side.BUY, 1, "10260"), inputs).orElseThrow().values())
                .containsEntry("deviationPercent", "2.6").containsEntry("limitPercent", "2.5").containsEntry("lastPrice", "10000");
        assertThat(outcome(guard, Orders.market(Side.BUY, 1), inputs)).isEqualTo("ALLOW");
    }

    @Test
    void limitOrdersWithoutLastPriceAreDeniedUnlessConfiguredOtherwise() {
        inputs.lastPrices.clear();
        RiskOrder order = Orders.limit(Side.BUY, 1, "10000");
        assertThat(outcome(new PriceBandGuard(PriceBandSettings.fromProperties(Map.of())), order, inputs))
                .isEqualTo("RISK_INPUT_UNAVAILABLE");
        assertThat(outcome(new PriceBandGuard(PriceBandSettings.fromProperties(
                Map.of("risk.price-band.allow-limit-orders-without-last-price", "true"))), order, inputs)).isEqualTo("ALLOW");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"10000, ALLOW", "10005, PRICE_OFF_TICK", "1999, ALLOW", "2001, PRICE_OFF_TICK", "10000.5, PRICE_OFF_TICK"})
    void tickGrid(String price, String expected) {
        TickGridGuard guard = new TickGridGuard(TickSettings.fromProperties(Map.of()));
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, price), inputs)).isEqualTo(expected);
    }

    @Test
    void tickGridSuggestsTheNearestValidPricesAndKnowsEtfs() {
        TickGridGuard guard = new TickGridGuard(TickSettings.fromProperties(Map.of()));
        assertThat(finding(guard, Orders.limit(Side.BUY, 1, "10005"), inputs).orElseThrow().values())
                .containsEntry("tick", "10").containsEntry("validBelow", "10000").containsEntry("validAbove", "10010");
        inputs.kinds.put(Orders.SYMBOL, InstrumentKind.EXCHANGE_TRADED_PRODUCT);
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, "10005"), inputs)).isEqualTo("ALLOW");
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, "1999"), inputs)).isEqualTo("PRICE_OFF_TICK");
        assertThat(outcome(guard, Orders.market(Side.BUY, 1), inputs)).isEqualTo("ALLOW");
    }

    @Test
    void cancelsAreNeverLimited() {
        inputs.dailyPnl = new BigDecimal("-99999999");
        inputs.grossExposure = new BigDecimal("99999999999");
        inputs.lastPrices.clear();
        RiskOrder cancel = Orders.cancel(Orders.working("w1", Side.BUY, 100_000, "10005"));
        assertThat(outcome(new OrderQuantityLimit(LIMITS), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new OrderValueLimit(LIMITS), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new PositionLimit(LIMITS), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new GrossExposureLimit(LIMITS), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new DailyLossCap(LIMITS), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new PriceBandGuard(PriceBandSettings.fromProperties(Map.of())), cancel, inputs)).isEqualTo("ALLOW");
        assertThat(outcome(new TickGridGuard(TickSettings.fromProperties(Map.of())), cancel, inputs)).isEqualTo("ALLOW");
    }
}
