package kisgateway.risk.compliance;

import static kisgateway.risk.Checks.finding;
import static kisgateway.risk.Checks.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import kisgateway.risk.Exchange;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.Orders;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfCrossGuardTest {

    private final SelfCrossGuard guard = new SelfCrossGuard();

    @ParameterizedTest(name = "{0} {1} ({2}) vs own resting {3} @ {4} -> {5}")
    @CsvSource({
            "BUY,  10000, 00, SELL, 10000, SELF_CROSS",   // buy at the own offer
            "BUY,  10010, 00, SELL, 10000, SELF_CROSS",   // through it
            "BUY,  9990,  00, SELL, 10000, ALLOW",
            "SELL, 10000, 00, BUY,  10000, SELF_CROSS",
            "SELL, 9990,  00, BUY,  10000, SELF_CROSS",
            "SELL, 10010, 00, BUY,  10000, ALLOW",
            "BUY,  10000, 00, BUY,  10000, ALLOW",        // same side never crosses
            "BUY,       , 01, SELL, 99000, SELF_CROSS",   // market buy crosses any own offer
            "SELL,      , 01, BUY,  1000,  SELF_CROSS",
            "SELL,      , 21, BUY,  1000,  SELF_CROSS",   // mid-point is priced by the exchange
            "BUY,  1000,  00, SELL,      , SELF_CROSS",   // a resting market-type order crosses anything
            "BUY,       , 01, BUY,  10000, ALLOW"
    })
    void crossesAgainstOwnRestingOrders(Side side, String price, String orderType, Side restingSide,
                                        String restingPrice, String expected) {
        FakeRiskInputs inputs = new FakeRiskInputs().working(Orders.working("rest", restingSide, 10, restingPrice));
        RiskOrder order = Orders.order(side, 10, price, orderType, Exchange.KRX);
        assertThat(outcome(guard, order, inputs)).isEqualTo(expected);
    }

    @Test
    void otherSymbolsAndFilledRemaindersDoNotCross() {
        FakeRiskInputs inputs = new FakeRiskInputs()
                .working(new WorkingOrder("other", "000660", Side.SELL, new BigDecimal("9000"), 10))
                .working(Orders.working("done", Side.SELL, 0, "9000"));
        assertThat(outcome(guard, Orders.limit(Side.BUY, 10, "10000"), inputs)).isEqualTo("ALLOW");
    }

    @Test
    void namesTheRestingOrder() {
        FakeRiskInputs inputs = new FakeRiskInputs().working(Orders.working("rest-7", Side.SELL, 10, "10000"));
        assertThat(finding(guard, Orders.market(Side.BUY, 1), inputs).orElseThrow().values())
                .containsEntry("restingOrder", "rest-7").containsEntry("restingPrice", "10000").containsEntry("price", "market");
    }

    @Test
    void aReplaceIsCheckedAtItsNewPriceAndCancelsNever() {
        WorkingOrder ownBuy = Orders.working("b1", Side.BUY, 10, "9900");
        FakeRiskInputs inputs = new FakeRiskInputs().working(ownBuy).working(Orders.working("s1", Side.SELL, 10, "10000"));
        assertThat(outcome(guard, Orders.replace(ownBuy, 10, "9950"), inputs)).isEqualTo("ALLOW");
        assertThat(outcome(guard, Orders.replace(ownBuy, 10, "10000"), inputs)).isEqualTo("SELF_CROSS");
        assertThat(outcome(guard, Orders.cancel(ownBuy), inputs)).isEqualTo("ALLOW");
    }
}
