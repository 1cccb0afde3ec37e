package kisgateway.kis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import kisgateway.kis.auth.AccessTokenService;
import kisgateway.kis.auth.InMemoryTokenStore;
import kisgateway.kis.auth.KisAuthClient;
import kisgateway.kis.auth.TokenSettings;
import kisgateway.kis.budget.RateBudgetRegistry;
import kisgateway.kis.budget.RateBudgetSettings;
import kisgateway.kis.error.KisResponseClassifier;
import kisgateway.kis.http.KisHttpTransport;
import kisgateway.kis.rest.CallTerms;
import kisgateway.kis.rest.CashOrder;
import kisgateway.kis.rest.KisRestClient;
import kisgateway.kis.rest.KisTradingApi;
import kisgateway.kis.rest.OrderAck;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KIS adapter against the simulator over real HTTP: two independent readings of KIS's public documentation meet
 * (docs/architecture.md#principles).
 */
class KisAdapterAgainstSimulatorTest {

    private static KisSimulator simulator;
    private static KisTradingApi trading;
    private static KisAccount account;

    @BeforeAll
    static void start() {
        simulator = KisSimulator.start(SimulatorSettings.builder().restPort(0).wsPort(0).build());
        KisEnvironment env = KisEnvironment.forMode(KisMode.SIM, URI.create(simulator.restBaseUrl()),
                URI.create(simulator.wsBaseUrl() + "/tryitout"));
        ObjectMapper json = new ObjectMapper();
        KisHttpTransport transport = KisHttpTransport.create(Duration.ofSeconds(3), Duration.ofSeconds(5));
        KisResponseClassifier classifier = new KisResponseClassifier(json);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KisAuthClient auth = new KisAuthClient(env, transport, classifier, json, Clock.systemUTC());
        AccessTokenService tokens = AccessTokenService.create(auth, new InMemoryTokenStore(), TokenSettings.defaults(), meters);
        RateBudgetRegistry budgets = new RateBudgetRegistry("rest", RateBudgetSettings.of(env.restPermitsPerSecond()),
                NanoTicker.SYSTEM, meters);
        trading = new KisTradingApi(new KisRestClient(env, transport, classifier, json, tokens, budgets, NanoTicker.SYSTEM),
                Clock.systemUTC());
        SimAccount demo = SimAccount.demo();
        account = KisAccount.of("sim", demo.appKey(), demo.appSecret(), demo.htsId(), demo.cano(), "01");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theOrderSenderPersistsBeforeSendingAndRecordsTheAck() {
        var store = new kisgateway.order.JdbcOrderStore(kisgateway.testing.SharedInfrastructure.get().dataSource().dataSource(), Clock.systemUTC());
        var sender = new kisgateway.order.OrderSender(store, trading, a -> account, Clock.systemUTC());
        var intent = new kisgateway.order.OrderIntent("probe-" + java.util.UUID.randomUUID(), "sim", "demo", "005930",
                kisgateway.order.Side.BUY, 2, kisgateway.order.OrderType.MARKET, null, kisgateway.order.Exchange.KRX,
                Duration.ofSeconds(2), java.time.Instant.now());
        var order = store.create(intent).order();
        var result = sender.submit(order);
        assertThat(result.state()).isEqualTo(kisgateway.order.OrderState.ACKED);
        assertThat(result.kisOrderNo()).hasSize(10);
        assertThat(store.unpublishedEvents(10_000).stream().filter(e -> e.orderId().equals(order.orderId()))
                .map(kisgateway.order.OrderEventRecord::toState)).containsExactly("INTENT_CREATED", "SUBMITTED", "ACKED");
    }

    @Test
    void aCashOrderIsAcknowledgedWithItsOrderNumber() {
        OrderAck ack = trading.placeCashOrder(account, CashOrder.market(OrderSide.BUY, "005930", 1), CallTerms.order());
        assertThat(ack.orderNo()).hasSize(10);
        assertThat(ack.orgNo()).isNotBlank();
        assertThat(ack.acceptedAt()).isNotNull();
        ack = trading.placeCashOrder(account, CashOrder.limit(OrderSide.BUY, "005930", 1, new BigDecimal("60000")),
                CallTerms.order());
        assertThat(ack.orderNo()).hasSize(10);
    }
}
