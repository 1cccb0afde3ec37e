package kisgateway.risk.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.Finding;
import kisgateway.risk.OrderContext;
import kisgateway.risk.Orders;
import kisgateway.risk.PreTradeCheck;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.Seoul;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.Test;

/** The guards that count what went out: order rate, cancel/replace bursts, repeated quotes. */
class StatefulGuardsTest {

    private static final Instant T0 = Seoul.at("2026-03-03T10:00");
    private static final ComplianceSettings SETTINGS = ComplianceSettings.fromProperties(Map.of(
            "risk.compliance.order-rate.max-orders", "3",
            "risk.compliance.order-rate.window-seconds", "10",
            "risk.compliance.cancel-replace-burst.max-requests", "2",
            "risk.compliance.cancel-replace-burst.window-seconds", "10",
            "risk.compliance.quote-pattern.max-cycles", "2",
            "risk.compliance.quote-pattern.window-seconds", "60"));

    private static String outcome(PreTradeCheck guard, RiskOrder order, Instant at) {
        return guard.check(order, new OrderContext(order, new FakeRiskInputs(), at)).map(f -> f.rule().id()).orElse("ALLOW");
    }

    @Test
    void orderRateAllowsTheLimitThenDeniesUntilTheWindowSlides() {
        OrderRateGuard guard = new OrderRateGuard(SETTINGS);
        for (int i = 0; i < 3; i++) {
            RiskOrder order = Orders.limit(Side.BUY, 1, "10000");
            assertThat(outcome(guard, order, T0.plusSeconds(i))).isEqualTo("ALLOW");
            guard.recordAccepted(order, T0.plusSeconds(i));
        }
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, "10000"), T0.plusSeconds(3))).isEqualTo("ORDER_RATE");
        assertThat(outcome(guard, Orders.limit(Side.SELL, 1, "10000"), T0.plusMillis(9_999))).isEqualTo("ORDER_RATE");
        // the first order (at T0) leaves the 10 s window at T0+10 s
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, "10000"), T0.plusSeconds(10))).isEqualTo("ALLOW");
    }

    @Test
    void orderRateCountsPerSymbolAndOnlyNewOrdersThatWentOut() {
        OrderRateGuard guard = new OrderRateGuard(SETTINGS);
        for (int i = 0; i < 3; i++) {
            guard.recordAccepted(Orders.limit(Side.BUY, 1, "10000"), T0);
        }
        RiskOrder otherSymbol = RiskOrder.newOrder("x", Orders.ACCOUNT, Orders.STRATEGY, "000660", Side.BUY, 1,
                new java.math.BigDecimal("10000"), "00", kisgateway.risk.Exchange.KRX, T0);
        assertThat(outcome(guard, otherSymbol, T0)).isEqualTo("ALLOW");
        assertThat(outcome(guard, Orders.cancel(Orders.working("w", Side.BUY, 1, "10000")), T0)).isEqualTo("ALLOW");

        OrderRateGuard fresh = new OrderRateGuard(SETTINGS);
        fresh.recordAccepted(Orders.cancel(Orders.working("w", Side.BUY, 1, "10000")), T0);
        fresh.recordAccepted(Orders.replace(Orders.working("w", Side.BUY, 1, "10000"), 1, "10010"), T0);
        for (int i = 0; i < 3; i++) {
            assertThat(outcome(fresh, Orders.limit(Side.BUY, 1, "10000"), T0)).isEqualTo("ALLOW"); // evaluated, never recorded as sent
        }
    }

    @Test
    void burstGuardHoldsBackEvenCancelsOnceTheLimitIsReached() {
        CancelReplaceBurstGuard guard = new CancelReplaceBurstGuard(SETTINGS);
        WorkingOrder w = Orders.working("w1", Side.BUY, 10, "10000");
        RiskOrder cancel = Orders.cancel(w);
        RiskOrder replace = Orders.replace(w, 10, "10010");
        assertThat(outcome(guard, replace, T0)).isEqualTo("ALLOW");
        guard.recordAccepted(replace, T0);
        assertThat(outcome(guard, cancel, T0.plusSeconds(1))).isEqualTo("ALLOW");
        guard.recordAccepted(cancel, T0.plusSeconds(1));
        assertThat(outcome(guard, cancel, T0.plusSeconds(2))).isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(outcome(guard, replace, T0.plusMillis(9_999))).isEqualTo("CANCEL_REPLACE_BURST");
        // sliding: the replace at T0 drops out at T0+10 s, the cancel at T0+1 s is still in
        assertThat(outcome(guard, cancel, T0.plusSeconds(10))).isEqualTo("ALLOW");
        guard.recordAccepted(cancel, T0.plusSeconds(10));
        assertThat(outcome(guard, cancel, T0.plusSeconds(10))).isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(outcome(guard, cancel, T0.plusSeconds(11))).isEqualTo("ALLOW");
        // new orders are not its business
        assertThat(outcome(guard, Orders.limit(Side.BUY, 1, "10000"), T0.plusSeconds(10))).isEqualTo("ALLOW");
    }

    @Test
    void burstGuardReportsTheCount() {
        CancelReplaceBurstGuard guard = new CancelReplaceBurstGuard(SETTINGS);
        RiskOrder cancel = Orders.cancel(Orders.working("w1", Side.BUY, 10, "10000"));
        guard.recordAccepted(cancel, T0);
        guard.recordAccepted(cancel, T0);
        Finding f = guard.check(cancel, new OrderContext(cancel, new FakeRiskInputs(), T0)).orElseThrow();
        assertThat(f.values()).containsEntry("limit", "2").containsEntry("actual", "3").containsEntry("kind", "CANCEL");
    }

    @Test
    void theSameQuotePlacedAndWithdrawnTooOftenIsRefused() {
        QuotePatternGuard guard = new QuotePatternGuard(SETTINGS);
        // cycle 1: placed and cancelled
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10000"), T0)).isEqualTo("ALLOW");
        guard.recordAccepted(Orders.cancel(Orders.working("q1", Side.BUY, 500, "10000")), T0.plusSeconds(1));
        // cycle 2: placed again, revised away
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10000"), T0.plusSeconds(2))).isEqualTo("ALLOW");
        guard.recordAccepted(Orders.replace(Orders.working("q2", Side.BUY, 500, "10000.00"), 500, "9000"), T0.plusSeconds(3));
        // third placement of the same quote
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10000"), T0.plusSeconds(4))).isEqualTo("QUOTE_PATTERN");
        // a different price, quantity or side is a different quote
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10010"), T0.plusSeconds(4))).isEqualTo("ALLOW");
        assertThat(outcome(guard, Orders.limit(Side.BUY, 501, "10000"), T0.plusSeconds(4))).isEqualTo("ALLOW");
        assertThat(outcome(guard, Orders.limit(Side.SELL, 500, "10000"), T0.plusSeconds(4))).isEqualTo("ALLOW");
        // a revision to the same quote is a placement too
        assertThat(outcome(guard, Orders.replace(Orders.working("q3", Side.BUY, 500, "9990"), 500, "10000"), T0.plusSeconds(4)))
                .isEqualTo("QUOTE_PATTERN");
        // the first withdrawal leaves the 60 s window at T0+61 s
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10000"), T0.plusSeconds(60))).isEqualTo("QUOTE_PATTERN");
        assertThat(outcome(guard, Orders.limit(Side.BUY, 500, "10000"), T0.plusSeconds(61))).isEqualTo("ALLOW");
    }

    @Test
    void oneWithdrawalLessThanTheLimitPasses() {
        QuotePatternGuard guard = new QuotePatternGuard(SETTINGS);
        guard.recordAccepted(Orders.cancel(Orders.working("q1", Side.SELL, 100, "20000")), T0);
        assertThat(outcome(guard, Orders.limit(Side.SELL, 100, "20000"), T0)).isEqualTo("ALLOW");
        // new orders that went out are not withdrawals
        guard.recordAccepted(Orders.limit(Side.SELL, 100, "20000"), T0);
        assertThat(outcome(guard, Orders.limit(Side.SELL, 100, "20000"), T0)).isEqualTo("ALLOW");
    }

    @Test
    void aRebuildReplacesWhatEachGuardHeldWithTheHistory() {
        OrderRateGuard rate = new OrderRateGuard(SETTINGS);
        CancelReplaceBurstGuard burst = new CancelReplaceBurstGuard(SETTINGS);
        QuotePatternGuard quotes = new QuotePatternGuard(SETTINGS);
        WorkingOrder quote = Orders.working("w1", Side.BUY, 500, "10000");
        WorkingOrder another = Orders.working("w2", Side.SELL, 100, "10100");
        for (PreTradeCheck guard : List.of(rate, burst, quotes)) {
            // held in memory, and not in the books (a request refused after the gate let it through, say)
            for (int i = 0; i < 3; i++) {
                guard.recordAccepted(Orders.limit(Side.BUY, 500, "10000"), T0);
                guard.recordAccepted(Orders.cancel(quote), T0);
                guard.recordAccepted(Orders.cancel(another), T0);
            }
        }
        assertThat(outcome(quotes, Orders.limit(Side.SELL, 100, "10100"), T0)).isEqualTo("QUOTE_PATTERN");
        assertThat(outcome(rate, Orders.limit(Side.BUY, 1, "9000"), T0)).isEqualTo("ORDER_RATE");
        assertThat(outcome(burst, Orders.cancel(quote), T0)).isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(outcome(quotes, Orders.limit(Side.BUY, 500, "10000"), T0)).isEqualTo("QUOTE_PATTERN");

        ConductHistory books = new ConductHistory(List.of(
                new ConductHistory.Accepted(Orders.limit(Side.BUY, 500, "10000"), T0.plusSeconds(1)),
                new ConductHistory.Accepted(Orders.replace(quote, 500, "10010"), T0.plusSeconds(2))));
        for (PreTradeCheck guard : List.of(rate, burst, quotes)) {
            guard.rebuild(books);
        }
        Instant now = T0.plusSeconds(3);
        assertThat(outcome(rate, Orders.limit(Side.BUY, 1, "9000"), now)).as("one of three").isEqualTo("ALLOW");
        assertThat(outcome(burst, Orders.cancel(quote), now)).as("one of two").isEqualTo("ALLOW");
        assertThat(outcome(quotes, Orders.limit(Side.BUY, 500, "10000"), now)).as("one cycle of two").isEqualTo("ALLOW");
        assertThat(outcome(quotes, Orders.limit(Side.SELL, 100, "10100"), now)).as("a quote the history does not hold")
                .isEqualTo("ALLOW");
        for (PreTradeCheck guard : List.of(rate, burst, quotes)) {
            guard.recordAccepted(Orders.limit(Side.BUY, 500, "10000"), now);
            guard.recordAccepted(Orders.cancel(quote), now);
        }
        assertThat(outcome(burst, Orders.cancel(quote), now)).as("the history's and one more").isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(outcome(quotes, Orders.limit(Side.BUY, 500, "10000"), now)).isEqualTo("QUOTE_PATTERN");
        assertThat(outcome(burst, Orders.cancel(quote), T0.plusSeconds(12)))
                .as("the history's requests slide out of the window at their own times").isEqualTo("ALLOW");
    }
}
