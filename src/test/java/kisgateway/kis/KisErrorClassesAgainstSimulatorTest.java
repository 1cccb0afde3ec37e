package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import kisgateway.kis.auth.InMemoryTokenStore;
import kisgateway.kis.auth.TokenSettings;
import kisgateway.kis.error.KisAmbiguousOutcome;
import kisgateway.kis.error.KisBusinessReject;
import kisgateway.kis.error.KisPermissionDenied;
import kisgateway.kis.error.KisRateLimited;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import kisgateway.kis.error.SendOutcome;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.OrderAck;
import kisgateway.kis.rest.OrderCancellation;
import kisgateway.kis.rest.OrderDivision;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderState;
import kisgateway.sim.trading.OrderView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every error class of the adapter, produced by the real simulator over HTTP (its fault API and settings), and
 * what the adapter does about it. Each test has an account of its own, so tokens, cash and orders do not mix.
 */
class KisErrorClassesAgainstSimulatorTest {

    private static final String SYMBOL = "005930";
    /** 005930's lower price limit (71,900 - 30 %): a buy there never fills. */
    private static final BigDecimal FAR_BELOW = new BigDecimal("50400");

    private static KisSimulator sim;
    private static final List<SimAccount> ACCOUNTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        for (int i = 1; i <= 12; i++) {
            ACCOUNTS.add(SimulatedKis.uniqueAccount("err" + i, String.format("610000%02d", i)));
        }
        // tokens may be re-issued 200 ms apart here: the token tests refresh right after the first issuance
        sim = KisSimulator.start(SimulatorSettings.builder().accounts(ACCOUNTS).pricePathFrozen(true)
                .tokenIssueMinInterval(Duration.ofMillis(200)).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static long stat(SimAccount a, String counter) {
        return sim.stats().count(a.appKey(), counter);
    }

    private static List<OrderView> orders(SimAccount a) {
        return sim.truth().account(a.cano()).orders();
    }

    @Test
    void notEnoughCashIsABusinessRejectWithKisCodeAndNothingBooked() {
        SimAccount a = ACCOUNTS.get(0);
        SimulatedKis kis = SimulatedKis.sim(sim).build();
        sim.outside().setCash(a.cano(), 10_000);
        assertThatThrownBy(() -> kis.trading.placeCashOrder(SimulatedKis.account(a),
                CashOrder.limit(OrderSide.BUY, SYMBOL, 10, new BigDecimal("71900")), CallTerms.order()))
                .isInstanceOfSatisfying(KisBusinessReject.class, e -> {
                    assertThat(e.msgCd()).isEqualTo("APBK0952");
                    assertThat(e.rtCd()).isNotEqualTo("0");
                    assertThat(e.msg1()).isNotBlank().doesNotEndWith(" ");
                    assertThat(e.sendOutcome()).isEqualTo(SendOutcome.REFUSED);
                });
        assertThat(orders(a)).isEmpty();
    }

    @Test
    void cancellingWhatIsAlreadyCancelledIsABusinessReject() {
        SimAccount a = ACCOUNTS.get(1);
        SimulatedKis kis = SimulatedKis.sim(sim).build();
        KisAccount account = SimulatedKis.account(a);
        OrderAck ack = kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 1, FAR_BELOW),
                CallTerms.order());
        OrderCancellation cancel = OrderCancellation.allRemaining(ack.orgNo(), ack.orderNo(), OrderDivision.LIMIT);
        kis.trading.cancelOrder(account, cancel, CallTerms.order());
        assertThatThrownBy(() -> kis.trading.cancelOrder(account, cancel, CallTerms.order()))
                .isInstanceOfSatisfying(KisBusinessReject.class, e -> assertThat(e.msgCd()).isEqualTo("APBK0344"));
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRetriedOnce() {
        SimAccount a = ACCOUNTS.get(2);
        SimulatedKis kis = SimulatedKis.sim(sim).build();
        KisAccount account = SimulatedKis.account(a);
        kis.inquiry.price(account, SYMBOL, CallTerms.query());
        String first = kis.tokens.accessToken(account.credentials()).reveal();
        assertThat(sim.faults().expireTokens(a.appKey())).isEqualTo(1);

        assertThat(kis.inquiry.price(account, SYMBOL, CallTerms.query()).price()).isPositive();

        assertThat(stat(a, "tokenCalls")).isEqualTo(2);
        assertThat(stat(a, "tokensIssued")).isEqualTo(2);
        assertThat(kis.tokens.accessToken(account.credentials()).reveal()).isNotEqualTo(first);
        assertThat(kis.meters.get("kis.token.refreshes").counter().count()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsRefreshedOnceAndTheOrderRetriedOnce() {
        SimAccount a = ACCOUNTS.get(3);
        SimulatedKis kis = SimulatedKis.sim(sim).build();
        KisAccount account = SimulatedKis.account(a);
        kis.inquiry.price(account, SYMBOL, CallTerms.query());
        sim.faults().revokeTokens(a.appKey());

        // EGW00121: nothing happened at KIS, so even an order is resent once with the new token
        OrderAck ack = kis.trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, SYMBOL, 1, FAR_BELOW),
                CallTerms.order().withTimeToLive(Duration.ofSeconds(10)));

        assertThat(orders(a)).extracting(OrderView::odno).containsExactly(ack.orderNo());
        assertThat(stat(a, "tokenCalls")).isEqualTo(2);
        assertThat(stat(a, "tokensIssued")).isEqualTo(2);
    }

    @Test
    void aPaperTrOnTheRealDomainIsAPermissionErrorAndNotRetried() {
        SimAccount a = ACCOUNTS.get(4);
        SimulatedKis paperOnReal = SimulatedKis.paper(sim).permitsPerSecond(18).build();
        KisAccount account = SimulatedKis.account(a);
        assertThatThrownBy(() -> paperOnReal.inquiry.balance(account, CallTerms.query()).next())
                .isInstanceOfSatisfying(KisPermissionDenied.class, e -> {
                    assertThat(e.code()).isEqualTo("EGW02004");
                    assertThat(e.getMessage()).contains("VTTC8434R");
                });
        assertThatThrownBy(() -> paperOnReal.trading.placeCashOrder(account,
                CashOrder.limit(OrderSide.BUY, SYMBOL, 1, FAR_BELOW), CallTerms.order()))
                .isInstanceOf(KisPermissionDenied.class);
        assertThat(orders(a)).isEmpty();
        assertThat(stat(a, "restCalls")).isEqualTo(2);
    }

    @Test
    void nothingListeningIsUnavailableBeforeSendAndSafeToResend() throws IOException {
        SimAccount a = ACCOUNTS.get(5);
        KisAccount account = SimulatedKis.account(a);
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());
        InMemoryTokenStore store = new InMemoryTokenStore();
        // a valid token from the simulator, then the host is gone
        SimulatedKis.sim(sim).store(store).build().inquiry.price(account, SYMBOL, CallTerms.query());
        SimulatedKis cut = SimulatedKis.sim(sim).store(store).restBase(nowhere).build();
        assertThatThrownBy(() -> cut.trading.placeCashOrder(account,
                CashOrder.limit(OrderSide.BUY, SYMBOL, 1, FAR_BELOW), CallTerms.order()))
                .isInstanceOfSatisfying(KisUnavailableBeforeSend.class, e -> {
                    assertThat(e.reason()).isEqualTo(KisUnavailableBeforeSend.Reason.CONNECTION_REFUSED);
                    assertThat(e.safeToResend()).isTrue();
                });
        // the token issuance itself, with one attempt allowed
        SimulatedKis noToken = SimulatedKis.sim(sim).restBase(nowhere)
                .tokenSettings(TokenSettings.defaults().withMaxAttempts(1)).build();
        assertThatThrownBy(() -> noToken.inquiry.price(account, SYMBOL, CallTerms.query()))
                .isInstanceOf(KisUnavailableBeforeSend.class);
    }

    /**
     * The order is booked, then the answer never comes (drop), comes after the request timeout (delay) or the
     * connection is cut (reset): the outcome is ambiguous, the adapter says so and does not resend; the
     * simulator's truth shows the order was booked exactly once.
     */
    @ParameterizedTest
    @EnumSource(FaultPlan.AmbiguousMode.class)
    void anOrderWhoseAnswerIsLostIsAmbiguousAndBookedExactlyOnce(FaultPlan.AmbiguousMode mode) {
        SimAccount a = ACCOUNTS.get(6 + mode.ordinal());
        SimulatedKis kis = SimulatedKis.sim(sim).requestTimeout(Duration.ofMillis(500)).build();
        KisAccount account = SimulatedKis.account(a);
        kis.inquiry.price(account, SYMBOL, CallTerms.query()); // token first: the fault takes the next order
        long callsBefore = stat(a, "restCalls");
        sim.faults().plan().ambiguousOrders(1, new FaultPlan.AmbiguousReply(mode, 1_500));

        assertThatThrownBy(() -> kis.trading.placeCashOrder(account,
                CashOrder.limit(OrderSide.BUY, SYMBOL, 3, FAR_BELOW), CallTerms.order()))
                .isInstanceOfSatisfying(KisAmbiguousOutcome.class, e -> {
                    assertThat(e.reason()).isEqualTo(mode == FaultPlan.AmbiguousMode.RESET
                            ? KisAmbiguousOutcome.Reason.CONNECTION_LOST_AFTER_SEND
                            : KisAmbiguousOutcome.Reason.TIMEOUT_AFTER_SEND);
                    assertThat(e.sendOutcome()).isEqualTo(SendOutcome.UNKNOWN);
                    assertThat(e.safeToResend()).isFalse();
                });

        assertThat(stat(a, "restCalls") - callsBefore).as("requests that reached the simulator").isEqualTo(1);
        assertThat(orders(a)).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(OrderAction.NEW);
            assertThat(o.state()).isEqualTo(OrderState.OPEN);
            assertThat(o.qty()).isEqualTo(3);
        });
    }

    @Test
    void egw00201FromKisIsRateLimitedAndCountedWhenTheBudgetIsSetAboveTheRealLimit() {
        SimAccount a = SimulatedKis.uniqueAccount("egw", "62000001");
        try (KisSimulator strict = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(a))
                .restLimitPerSecond(1).pricePathFrozen(true).build())) {
            SimulatedKis kis = SimulatedKis.sim(strict).permitsPerSecond(50).build();
            KisAccount account = SimulatedKis.account(a);
            List<RuntimeException> refused = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try {
                    kis.inquiry.price(account, SYMBOL, CallTerms.query());
                } catch (KisRateLimited e) {
                    refused.add(e);
                }
            }
            assertThat(refused).isNotEmpty().allSatisfy(e -> {
                assertThat(e).hasMessageContaining("EGW00201").hasMessageContaining("FHKST01010100");
                assertThat(((KisRateLimited) e).safeToResend()).isTrue();
            });
            long seenBySimulator = strict.stats().count(a.appKey(), "egw00201");
            assertThat(seenBySimulator).isEqualTo(refused.size());
            assertThat(kis.meters.get("kis.budget.egw00201").counter().count()).isEqualTo(seenBySimulator);
        }
    }

    /**
     * EGW00133: the token is revoked right after its issuance and KIS refuses a new one for 3 s. The service waits
     * its throttle pause once and issues then: three tokenP calls in all, never a burst of retries.
     */
    @Test
    void tokenIssuanceThrottledByKisWaitsAndDoesNotHammer() {
        SimAccount a = SimulatedKis.uniqueAccount("throttle", "63000001");
        try (KisSimulator throttling = KisSimulator.start(SimulatorSettings.builder().accounts(List.of(a))
                .tokenIssueMinInterval(Duration.ofSeconds(3)).pricePathFrozen(true).build())) {
            Duration throttleWait = Duration.ofMillis(2_500);
            SimulatedKis kis = SimulatedKis.sim(throttling)
                    .tokenSettings(TokenSettings.defaults().withThrottleWait(throttleWait)).build();
            KisAccount account = SimulatedKis.account(a);
            kis.inquiry.price(account, SYMBOL, CallTerms.query());
            throttling.faults().revokeTokens(a.appKey());
            long started = System.nanoTime();

            assertThat(kis.inquiry.price(account, SYMBOL, CallTerms.query()).price()).isPositive();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(throttleWait);
            assertThat(throttling.stats().count(a.appKey(), "tokenCalls")).isEqualTo(3);
            assertThat(throttling.stats().count(a.appKey(), "tokenThrottled")).isEqualTo(1);
            assertThat(throttling.stats().count(a.appKey(), "tokensIssued")).isEqualTo(2);
            assertThat(kis.meters.get("kis.token.issuance.failures").tag("reason", "KisIssuanceThrottled").counter()
                    .count()).isEqualTo(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
