package kisgateway.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;
import kisgateway.risk.killswitch.TradingStateStore;
import kisgateway.risk.session.KrxSessionCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate as the pipeline uses it: rule order, alerts after a denial, cancels, the inputs it asks for. */
class PreTradeGateTest {

    private final MutableClock clock = new MutableClock(Seoul.at("2026-03-03T10:00"));
    private RiskSettings settings;
    private FakeRiskInputs inputs;
    private KillSwitchBoard board;
    private PreTradeGate gate;

    @BeforeEach
    void setUp() {
        settings = RiskSettings.fromProperties(Map.of(
                "risk.limits.max-order-value-krw", "1000000",
                "risk.compliance.order-rate.max-orders", "2",
                "risk.compliance.cancel-replace-burst.max-requests", "1"));
        inputs = new FakeRiskInputs().lastPrice(Orders.SYMBOL, "10000").position(Orders.SYMBOL, 100);
        board = KillSwitchBoard.load(new MemoryStore(), clock);
        gate = PreTradeGate.create(settings, KrxSessionCalendar.fromSettings(settings.session()), board, inputs, clock);
    }

    @Test
    void anOrdinaryOrderPasses() {
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 10, "10000"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.rule()).isNull();
        assertThat(d.values()).isEmpty();
        assertThat(d.alerts()).isEmpty();
    }

    @Test
    void theFirstRuleInOrderDecides() {
        board.switchTo(KillSwitchScope.global(), TradingState.HALTED, "ops", "drill");
        clock.set(Seoul.at("2026-03-03T21:00"));    // also outside every session
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 1000, "10005"));  // and too big, and off tick
        assertThat(d.ruleId()).isEqualTo("KILL_SWITCH_HALTED");
        assertThat(d.values()).containsEntry("scope", "GLOBAL:*").containsEntry("reason", "drill");
    }

    @Test
    void malformedOrdersAreRefusedBeforeAnyInputIsRead() {
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 0, "10000"));
        assertThat(d.ruleId()).isEqualTo("QUANTITY_NOT_POSITIVE");
        assertThat(gate.evaluate(Orders.order(Side.BUY, 1, "10000", "99", Exchange.KRX)).ruleId()).isEqualTo("UNKNOWN_ORDER_TYPE");
        assertThat(gate.evaluate(Orders.order(Side.BUY, 1, null, "01", Exchange.NXT)).ruleId()).isEqualTo("ORDER_TYPE_NOT_ON_EXCHANGE");
        assertThat(gate.evaluate(Orders.order(Side.BUY, 1, null, "00", Exchange.KRX)).ruleId()).isEqualTo("ORDER_MALFORMED");
        assertThat(gate.evaluate(Orders.order(Side.BUY, 1, "10000", "01", Exchange.KRX)).ruleId()).isEqualTo("ORDER_MALFORMED");
        assertThat(gate.evaluate(RiskOrder.newOrder("x", "a", "s", "5930", Side.BUY, 1, new BigDecimal("10000"), "00",
                Exchange.KRX, clock.instant())).ruleId()).isEqualTo("ORDER_MALFORMED");
        assertThat(inputs.calls).isZero();
    }

    @Test
    void complianceFindingsAreRaisedEvenWhenAnEarlierRuleDenied() {
        inputs.working(Orders.working("rest-1", Side.SELL, 10, "9990"));
        clock.set(Seoul.at("2026-03-03T20:00"));
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 10, "10000"));
        assertThat(d.ruleId()).isEqualTo("SESSION_CLOSED");
        assertThat(d.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(RiskRule.SELF_CROSS);
            assertThat(a.account()).isEqualTo(Orders.ACCOUNT);
            assertThat(a.strategyId()).isEqualTo(Orders.STRATEGY);
            assertThat(a.symbol()).isEqualTo(Orders.SYMBOL);
            assertThat(a.raisedAt()).isEqualTo(clock.instant());
            assertThat(a.detail()).containsEntry("restingOrder", "rest-1").containsEntry("side", "BUY")
                    .containsEntry("price", "10000").containsKey("orderRef");
        });
    }

    @Test
    void aComplianceDenialIsItsOwnAlert() {
        inputs.working(Orders.working("rest-1", Side.SELL, 10, "9990"));
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 10, "10000"));
        assertThat(d.ruleId()).isEqualTo("SELF_CROSS");
        assertThat(d.alerts()).extracting(ComplianceAlert::rule).containsExactly(RiskRule.SELF_CROSS);
    }

    @Test
    void limitDenialsCarryNoAlert() {
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 101, "10000"));
        assertThat(d.ruleId()).isEqualTo("MAX_ORDER_VALUE");
        assertThat(d.values()).containsEntry("limit", "1000000").containsEntry("actual", "1010000");
        assertThat(d.alerts()).isEmpty();
    }

    @Test
    void cancelsPassHaltsHolidaysAndLimitsButNotTheBurstGuard() {
        board.switchTo(KillSwitchScope.account(Orders.ACCOUNT), TradingState.HALTED, "ops", "x");
        clock.set(Seoul.at("2026-02-17T03:00"));      // Seollal, at night
        inputs.dailyPnl = new BigDecimal("-999999999");
        WorkingOrder resting = Orders.working("w1", Side.BUY, 1_000_000, "10005");
        RiskOrder cancel = Orders.cancel(resting);
        assertThat(gate.evaluate(cancel).allowed()).isTrue();
        assertThat(inputs.calls).isZero();
        gate.recordAccepted(cancel);
        RiskDecision second = gate.evaluate(Orders.cancel(resting));
        assertThat(second.ruleId()).isEqualTo("CANCEL_REPLACE_BURST");
        assertThat(second.alerts()).extracting(ComplianceAlert::rule).containsExactly(RiskRule.CANCEL_REPLACE_BURST);
        clock.advance(Duration.ofSeconds(60));
        assertThat(gate.evaluate(Orders.cancel(resting)).allowed()).isTrue();
    }

    @Test
    void reducingLetsSellsOfHeldSharesThrough() {
        board.switchTo(KillSwitchScope.strategy(Orders.STRATEGY), TradingState.REDUCING, "ops", "wind down");
        assertThat(gate.evaluate(Orders.limit(Side.SELL, 100, "10000")).allowed()).isTrue();
        assertThat(gate.evaluate(Orders.limit(Side.SELL, 101, "10000")).ruleId()).isEqualTo("KILL_SWITCH_REDUCING");
        assertThat(gate.evaluate(Orders.limit(Side.BUY, 1, "10000")).ruleId()).isEqualTo("KILL_SWITCH_REDUCING");
    }

    @Test
    void recordAcceptedFeedsTheRateGuards() {
        for (int i = 0; i < 2; i++) {
            RiskOrder order = Orders.limit(Side.BUY, 1, "10000");
            assertThat(gate.evaluate(order).allowed()).isTrue();
            gate.recordAccepted(order);
        }
        RiskDecision third = gate.evaluate(Orders.limit(Side.BUY, 1, "10000"));
        assertThat(third.ruleId()).isEqualTo("ORDER_RATE");
        assertThat(third.alerts()).hasSize(1);
    }

    @Test
    void eachInputIsAskedAtMostOnceAndOnlyWhenNeeded() {
        assertThat(gate.evaluate(Orders.limit(Side.SELL, 10, "10000")).allowed()).isTrue();
        assertThat(inputs.callsByMethod).allSatisfy((method, calls) -> assertThat(calls).as(method).isEqualTo(1));
        // a sell needs no exposure, a buy needs no sellable shares unless something denies it
        assertThat(inputs.callsByMethod).doesNotContainKey("grossExposure");
        inputs.callsByMethod.clear();
        assertThat(gate.evaluate(Orders.limit(Side.BUY, 10, "10000")).allowed()).isTrue();
        assertThat(inputs.callsByMethod).allSatisfy((method, calls) -> assertThat(calls).as(method).isEqualTo(1))
                .containsKeys("grossExposure", "dailyPnl", "lastPrice", "workingOrders", "positionQuantity");
    }

    @Test
    void aFailingInputDeniesNewOrdersButNeverACancel() {
        inputs.failure = new IllegalStateException("cache not warmed");
        RiskDecision d = gate.evaluate(Orders.limit(Side.BUY, 1, "10000"));
        assertThat(d.ruleId()).isEqualTo("RISK_EVALUATION_FAILED");
        assertThat(d.values().get("error")).contains("cache not warmed");
        assertThat(gate.evaluate(Orders.cancel(Orders.working("w1", Side.BUY, 1, "10000"))).allowed()).isTrue();
    }

    @Test
    void aReplaceIsCheckedAsTheOrderItBecomes() {
        WorkingOrder resting = Orders.working("w1", Side.BUY, 10, "10000");
        inputs.working(resting);
        assertThat(gate.evaluate(Orders.replace(resting, 10, "10050")).allowed()).isTrue();
        assertThat(gate.evaluate(Orders.replace(resting, 10, "10055")).ruleId()).isEqualTo("PRICE_OFF_TICK");
        assertThat(gate.evaluate(Orders.replace(resting, 200, "10000")).ruleId()).isEqualTo("MAX_ORDER_VALUE");
        clock.set(Seoul.at("2026-03-03T16:30"));
        assertThat(gate.evaluate(Orders.replace(resting, 10, "10050")).ruleId()).isEqualTo("ORDER_TYPE_NOT_IN_SESSION");
    }

    /** A store that keeps nothing: the gate only needs the board's in-memory state here. */
    private static final class MemoryStore implements TradingStateStore {
        @Override
        public java.util.List<TradingStateEntry> loadAll() {
            return java.util.List.of();
        }

        @Override
        public TradingState save(TradingStateEntry entry) {
            return TradingState.ACTIVE;
        }
    }
}
