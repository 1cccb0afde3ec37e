package kisgateway.risk.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.risk.Exchange;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.Finding;
import kisgateway.risk.MutableClock;
import kisgateway.risk.OrderContext;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskRule;
import kisgateway.risk.RiskTestDatabase;
import kisgateway.risk.Side;
import kisgateway.risk.WorkingOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each PILOT cap denies with its name; cancels, risk-reducing orders and LIVE orders pass; RAMP's caps grow. */
class PilotCapCheckTest {

    private final DataSource db = RiskTestDatabase.dataSource();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    private final FakeRiskInputs inputs = new FakeRiskInputs().lastPrice("005930", "70000").lastPrice("000660", "200000");
    private String acct;
    private RolloutBoard phases;
    private PilotCapBoard caps;
    private PilotCapCheck check;
    private BigDecimal growth = BigDecimal.ONE;

    @BeforeEach
    void aPilotAccountOfItsOwn() {
        acct = "p-" + UUID.randomUUID().toString().substring(0, 8);
        RolloutEvidence evidence = new JdbcRolloutEvidence(db, new JdbcKillSwitchDrills(db), Duration.ofHours(24), clock);
        phases = RolloutBoard.load(new JdbcRolloutStore(db), Map.of(RolloutScope.account(acct), RolloutPhase.PILOT),
                Set.of(acct), (s, a) -> true, false, evidence, clock);
        caps = PilotCapBoard.load(new JdbcCapStore(db), ConfiguredCaps.from(Map.of(
                "rollout.pilot.max-order-notional", "1000000",
                "rollout.pilot.max-daily-gross-notional", "3000000",
                "rollout.pilot.max-daily-loss", "500000",
                "rollout.pilot.symbols", "",
                "rollout.pilot.max-open-orders", "3",
                "rollout.pilot.ramp-ceiling", "4",
                "rollout.pilot.account." + acct + ".symbols", "005930, 035420",
                "rollout.pilot.account." + acct + ".strategy.beta.max-order-notional", "300000"),
                Set.of(acct), Set.of("alpha", "beta"), (s, a) -> true, clock.instant()), phases, evidence, clock);
        check = new PilotCapCheck(phases, caps, account -> growth);
    }

    private RiskOrder buy(String strategy, String symbol, long quantity, String price) {
        return RiskOrder.newOrder("o-" + UUID.randomUUID(), acct, strategy, symbol, Side.BUY, quantity,
                new BigDecimal(price), "00", Exchange.KRX, clock.instant());
    }

    private Optional<Finding> screen(RiskOrder order) {
        return check.check(order, new OrderContext(order, inputs, clock.instant()));
    }

    private static RiskRule rule(Optional<Finding> f) {
        return f.map(Finding::rule).orElse(null);
    }

    @Test
    void aSymbolOffTheAllowListIsDeniedByName() {
        assertThat(rule(screen(buy("alpha", "000660", 1, "200000")))).isEqualTo(RiskRule.PILOT_CAP_SYMBOLS);
        assertThat(screen(buy("alpha", "005930", 1, "70000"))).isEmpty();
    }

    @Test
    void anOrderWorthMoreThanTheCapIsDeniedAndAStrategysOwnCapIsTighter() {
        Optional<Finding> big = screen(buy("alpha", "005930", 15, "70000"));
        assertThat(rule(big)).isEqualTo(RiskRule.PILOT_CAP_ORDER_NOTIONAL);
        assertThat(big.get().values()).containsEntry("cap", "1000000").containsEntry("actual", "1050000");
        assertThat(screen(buy("alpha", "005930", 14, "70000"))).isEmpty();
        Optional<Finding> beta = screen(buy("beta", "005930", 5, "70000"));
        assertThat(rule(beta)).isEqualTo(RiskRule.PILOT_CAP_ORDER_NOTIONAL);
        assertThat(beta.get().values()).containsEntry("capOf", acct + "/beta");
    }

    @Test
    void oneOrderTooManyOpenIsDeniedAndUnknownCountsFailClosed() {
        inputs.openOrders = 3L;
        assertThat(rule(screen(buy("alpha", "005930", 1, "70000")))).isEqualTo(RiskRule.PILOT_CAP_OPEN_ORDERS);
        inputs.openOrders = 2L;
        assertThat(screen(buy("alpha", "005930", 1, "70000"))).isEmpty();
        inputs.openOrders = null;
        assertThat(rule(screen(buy("alpha", "005930", 1, "70000")))).isEqualTo(RiskRule.RISK_INPUT_UNAVAILABLE);
    }

    @Test
    void aBuyThatTakesGrossExposurePastTheCapIsDenied() {
        inputs.grossExposure = new BigDecimal("2500000");
        assertThat(rule(screen(buy("alpha", "005930", 10, "70000")))).isEqualTo(RiskRule.PILOT_CAP_DAILY_GROSS_NOTIONAL);
        inputs.grossExposure = new BigDecimal("2000000");
        assertThat(screen(buy("alpha", "005930", 10, "70000"))).isEmpty();
    }

    @Test
    void pastTheDailyLossOnlyRiskReducingOrdersAndCancelsPass() {
        inputs.dailyPnl = new BigDecimal("-500001");
        inputs.position("005930", 10);
        assertThat(rule(screen(buy("alpha", "005930", 1, "70000")))).isEqualTo(RiskRule.PILOT_CAP_DAILY_LOSS);
        RiskOrder sell = RiskOrder.newOrder("s-1", acct, "alpha", "005930", Side.SELL, 10, new BigDecimal("70000"),
                "00", Exchange.KRX, clock.instant());
        assertThat(screen(sell)).as("a sell of shares held gets out").isEmpty();
        // even one in a symbol off the list, and worth more than the per-order cap
        inputs.position("000660", 100);
        RiskOrder out = RiskOrder.newOrder("s-2", acct, "alpha", "000660", Side.SELL, 100, new BigDecimal("200000"),
                "00", Exchange.KRX, clock.instant());
        assertThat(screen(out)).isEmpty();
        WorkingOrder resting = new WorkingOrder("w-1", "005930", Side.BUY, new BigDecimal("70000"), 100);
        assertThat(screen(RiskOrder.cancel("c-1", acct, "alpha", resting, Exchange.KRX, clock.instant()))).isEmpty();
    }

    @Test
    void aLiveOrShadowAccountIsNotCappedAndRampsCapsGrow() {
        RiskOrder big = buy("alpha", "005930", 20, "70000");
        phases.request(RolloutScope.account(acct), RolloutPhase.RAMP, "alice", "ramp");
        assertThat(rule(screen(big))).isEqualTo(RiskRule.PILOT_CAP_ORDER_NOTIONAL);
        growth = new BigDecimal("2");
        assertThat(screen(big)).isEmpty();
        phases.request(RolloutScope.account(acct), RolloutPhase.LIVE, "alice", "live");
        assertThat(screen(buy("alpha", "000660", 100, "200000"))).isEmpty();
        phases.request(RolloutScope.account(acct), RolloutPhase.SHADOW, "alice", "back");
        assertThat(screen(buy("alpha", "000660", 100, "200000"))).isEmpty();
    }

    @Test
    void capsChangeByTheRulesAndBadValuesChangeNothing() {
        assertThat(caps.request(RolloutScope.account(acct), "max-order-notional", "500000", "alice", "tighter")
                .isPending()).isFalse();
        assertThat(caps.cap(RolloutScope.account(acct), PilotCap.ORDER_NOTIONAL)).contains("500000");
        for (String bad : List.of("0", "-5", "abc", "1e20", "")) {
            assertThatThrownBy(() -> caps.request(RolloutScope.account(acct), "max-order-notional", bad, "alice", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive amount");
        }
        assertThatThrownBy(() -> caps.request(RolloutScope.account(acct), "max-open-orders", "2.5", "alice", "x"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> caps.request(RolloutScope.account(acct), "symbols", "005930,samsung", "alice", "x"))
                .hasMessageContaining("not a KRX symbol");
        assertThatThrownBy(() -> caps.request(RolloutScope.account(acct), "max-lots", "5", "alice", "x"))
                .hasMessageContaining("unknown cap");
        assertThatThrownBy(() -> caps.request(RolloutScope.strategy(acct, "alpha"), "max-daily-loss", "5", "alice", "x"))
                .hasMessageContaining("whole book");
        assertThat(caps.cap(RolloutScope.account(acct), PilotCap.ORDER_NOTIONAL)).contains("500000");
    }

    @Test
    void aRaiseWaitsForASecondOperatorWithFourEyes() {
        RolloutEvidence evidence = new JdbcRolloutEvidence(db, new JdbcKillSwitchDrills(db), Duration.ofHours(24), clock);
        RolloutBoard fourEyes = RolloutBoard.load(new JdbcRolloutStore(db), Map.of(), Set.of(acct), (s, a) -> true, true,
                evidence, clock);
        PilotCapBoard guarded = PilotCapBoard.load(new JdbcCapStore(db), List.of(), fourEyes, evidence, clock);
        CapChange raise = guarded.request(RolloutScope.account(acct), "symbols", "", "alice", "any symbol");
        assertThat(raise.isPending()).as("blank admits every symbol: a raise").isTrue();
        assertThat(guarded.cap(RolloutScope.account(acct), PilotCap.SYMBOLS)).contains("005930,035420");
        assertThatThrownBy(() -> guarded.approve(raise.pending().id(), "alice", null))
                .isInstanceOf(SecondOperatorRequired.class);
        assertThat(guarded.request(RolloutScope.account(acct), "max-open-orders", "2", "alice", "fewer").isPending())
                .as("lowering is immediate").isFalse();
        guarded.approve(raise.pending().id(), "bob", "ok");
        assertThat(guarded.cap(RolloutScope.account(acct), PilotCap.SYMBOLS)).contains("");
        assertThat(PilotCap.SYMBOLS.raises("005930", "005930,000660")).isTrue();
        assertThat(PilotCap.SYMBOLS.raises("005930,000660", "005930")).isFalse();
        assertThat(PilotCap.SYMBOLS.raises("", "005930")).isFalse();
    }
}
