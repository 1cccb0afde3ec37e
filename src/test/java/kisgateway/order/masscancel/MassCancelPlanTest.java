package kisgateway.order.masscancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kisgateway.order.Exchange;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.OrderType;
import kisgateway.order.Side;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;
import org.junit.jupiter.api.Test;

class MassCancelPlanTest {

    private static final Instant T0 = Instant.parse("2026-03-03T01:00:00Z");
    private int seq;

    @Test
    void haltedCancelsEveryRestingOrderOfTheScopeAndLeavesTheRestAlone() {
        OrderRecord mine = order("sim", "alpha", Side.BUY, 10, 0, "71000", OrderState.ACKED);
        OrderRecord partial = order("sim", "alpha", Side.SELL, 10, 4, "72000", OrderState.PARTIAL_FILLED);
        OrderRecord other = order("sim", "beta", Side.BUY, 10, 0, "71000", OrderState.ACKED);
        MassCancelPlan plan = MassCancelPlan.of(halt(KillSwitchScope.strategy("alpha")), List.of(mine, partial, other),
                (a, s) -> 0);
        assertThat(plan.toCancel()).containsExactly(mine, partial);
        assertThat(plan.left()).isEmpty();
    }

    @Test
    void inFlightAndCancelingOrdersAreLeftWithTheirReason() {
        OrderRecord submitted = order("sim", "alpha", Side.BUY, 1, 0, "71000", OrderState.SUBMITTED);
        OrderRecord revising = order("sim", "alpha", Side.BUY, 1, 0, "71000", OrderState.REPLACE_PENDING);
        OrderRecord unknown = order("sim", "alpha", Side.BUY, 1, 0, "71000", OrderState.RECONCILE_REQUIRED);
        OrderRecord canceling = order("sim", "alpha", Side.BUY, 1, 0, "71000", OrderState.CANCEL_PENDING);
        MassCancelPlan plan = MassCancelPlan.of(halt(KillSwitchScope.account("sim")),
                List.of(submitted, revising, unknown, canceling), (a, s) -> 0);
        assertThat(plan.toCancel()).isEmpty();
        assertThat(plan.left()).extracting(MassCancelPlan.Left::outcome).containsExactly(MassCancelOutcome.IN_FLIGHT,
                MassCancelOutcome.IN_FLIGHT, MassCancelOutcome.IN_FLIGHT, MassCancelOutcome.ALREADY_CANCELING);
    }

    @Test
    void buysGoFirstThenMarketTypeThenTheLargestValue() {
        OrderRecord smallBuy = order("sim", "alpha", Side.BUY, 1, 0, "1000", OrderState.ACKED);
        OrderRecord bigSell = order("sim", "alpha", Side.SELL, 100, 0, "100000", OrderState.ACKED);
        OrderRecord bigBuy = order("sim", "alpha", Side.BUY, 100, 0, "1000", OrderState.ACKED);
        OrderRecord marketBuy = order("sim", "alpha", Side.BUY, 1, 0, null, OrderState.ACKED);
        MassCancelPlan plan = MassCancelPlan.of(halt(KillSwitchScope.global()),
                List.of(smallBuy, bigSell, bigBuy, marketBuy), (a, s) -> 0);
        assertThat(plan.toCancel()).containsExactly(marketBuy, bigBuy, smallBuy, bigSell);
    }

    @Test
    void reducingCancelsBuysAndTheSellsBeyondTheSharesHeldOldestKept() {
        OrderRecord buy = order("sim", "alpha", Side.BUY, 5, 0, "71000", OrderState.ACKED);
        OrderRecord oldSell = order("sim", "alpha", Side.SELL, 6, 0, "72000", OrderState.ACKED);
        // another strategy's sell of the same account offers shares of the same position: it counts, and stays
        OrderRecord othersSell = order("sim", "beta", Side.SELL, 3, 0, "72000", OrderState.ACKED);
        OrderRecord beyond = order("sim", "alpha", Side.SELL, 2, 0, "72000", OrderState.ACKED);
        OrderRecord fits = order("sim", "alpha", Side.SELL, 1, 0, "72000", OrderState.ACKED);
        OrderRecord otherSymbol = order("sim", "alpha", Side.SELL, 50, 0, "72000", OrderState.ACKED, "000660");
        Map<String, Long> held = Map.of("005930", 10L, "000660", 50L);
        MassCancelPlan plan = MassCancelPlan.of(reduce(KillSwitchScope.strategy("alpha")),
                List.of(buy, oldSell, othersSell, beyond, fits, otherSymbol), (a, s) -> held.getOrDefault(s, 0L));
        // 10 held: 6 (kept) + 3 (beta's) = 9; 2 more would be 11 (canceled); 1 more is 10 (kept)
        assertThat(plan.toCancel()).containsExactly(buy, beyond);
        assertThat(plan.left()).extracting(MassCancelPlan.Left::order).containsExactly(oldSell, fits, otherSymbol);
        assertThat(plan.left()).allSatisfy(l -> assertThat(l.outcome()).isEqualTo(MassCancelOutcome.KEPT));
    }

    @Test
    void reducingCountsASellInFlightAsOfferedShares() {
        OrderRecord inFlight = order("sim", "alpha", Side.SELL, 8, 0, "72000", OrderState.SUBMITTED);
        OrderRecord resting = order("sim", "alpha", Side.SELL, 5, 0, "72000", OrderState.ACKED);
        MassCancelPlan plan = MassCancelPlan.of(reduce(KillSwitchScope.account("sim")), List.of(inFlight, resting),
                (a, s) -> 10);
        assertThat(plan.toCancel()).containsExactly(resting);
        assertThat(plan.left()).extracting(MassCancelPlan.Left::outcome).containsExactly(MassCancelOutcome.IN_FLIGHT);
    }

    @Test
    void aSwitchRunIsNamedAfterTheMoveSoEveryInstanceNamesItAlike() {
        TradingStateEntry move = new TradingStateEntry(KillSwitchScope.account("sim"), TradingState.HALTED, "why", "kim",
                T0.plusNanos(1_234_567));
        assertThat(MassCancelRequest.forSwitch(move).requestId()).isEqualTo("switch:ACCOUNT:sim:HALTED:2026-03-03T01:00:00.001234Z");
        assertThat(MassCancelRequest.forSwitch(move)).isEqualTo(MassCancelRequest.forSwitch(move));
    }

    @Test
    void outcomesFollowTheOrderAndItsRequest() {
        assertThat(MassCancelOutcome.of(OrderState.CANCELED, "ACKED")).isEqualTo(MassCancelOutcome.CANCELED);
        assertThat(MassCancelOutcome.of(OrderState.FILLED, "REJECTED")).isEqualTo(MassCancelOutcome.FILLED);
        assertThat(MassCancelOutcome.of(OrderState.CANCEL_PENDING, "AMBIGUOUS")).isEqualTo(MassCancelOutcome.AMBIGUOUS);
        assertThat(MassCancelOutcome.of(OrderState.ACKED, "REJECTED")).isEqualTo(MassCancelOutcome.REFUSED);
        assertThat(MassCancelOutcome.of(OrderState.CANCEL_PENDING, "REFUSED"))
                .isEqualTo(MassCancelOutcome.ALREADY_CANCELING);
        assertThat(MassCancelOutcome.of(OrderState.CANCELED, "REFUSED")).as("another run's cancel")
                .isEqualTo(MassCancelOutcome.ALREADY_CANCELING);
        assertThat(MassCancelOutcome.of(OrderState.CANCEL_PENDING, "PENDING")).as("a twin run sending it")
                .isEqualTo(MassCancelOutcome.ALREADY_CANCELING);
        assertThat(MassCancelOutcome.of(OrderState.ACKED, "REFUSED")).isEqualTo(MassCancelOutcome.NOT_SENT);
    }

    private static MassCancelRequest halt(KillSwitchScope scope) {
        return new MassCancelRequest("r", scope, TradingState.HALTED, MassCancelTrigger.OPERATOR, "kim", "test", T0);
    }

    private static MassCancelRequest reduce(KillSwitchScope scope) {
        return new MassCancelRequest("r", scope, TradingState.REDUCING, MassCancelTrigger.KILL_SWITCH, "kim", "test", T0);
    }

    private OrderRecord order(String account, String strategy, Side side, long qty, long filled, String price,
                              OrderState state) {
        return order(account, strategy, side, qty, filled, price, state, "005930");
    }

    private OrderRecord order(String account, String strategy, Side side, long qty, long filled, String price,
                              OrderState state, String symbol) {
        int n = ++seq;
        boolean acked = state != OrderState.SUBMITTED && state != OrderState.RECONCILE_REQUIRED;
        return new OrderRecord(UUID.nameUUIDFromBytes(new byte[] {(byte) n}), "c" + n, account, strategy, symbol, side,
                price == null ? OrderType.MARKET : OrderType.LIMIT, Exchange.KRX, qty,
                price == null ? null : new BigDecimal(price), state, "REST", acked ? "000" + n : null, "06010", null,
                filled, null, null, null, Duration.ofSeconds(5), T0.plusSeconds(n), T0.plusSeconds(n), n);
    }
}
