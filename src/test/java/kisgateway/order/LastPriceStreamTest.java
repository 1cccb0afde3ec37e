package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import kisgateway.app.service.streams.TradeStreamSubscriptions;
import kisgateway.kis.KisFunction;
import kisgateway.kis.ws.KisRealtimeSession;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The last prices from KIS's trade stream, end to end: the gateway registers H0STCNT0 for the symbol an order
 * asked about on its realtime socket to the simulator, the simulator's trades become the price, and while the
 * symbol streams no inquire-price call is spent on it; when the socket drops, polling resumes at once. The
 * instance shares its streamed prices over the broker and takes another instance's share for its lease.
 */
class LastPriceStreamTest {

    private static final String SYMBOL = "010140";

    @Test
    void tradesOfAStreamedSymbolAreItsPriceAndSpareTheBudgetUntilTheSocketDrops() throws Exception {
        // polled prices age fast here, so that a look-up would show within a second
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                "orders.last-price-max-age-ms", "300",
                "orders.last-price-refresh-after-ms", "200",
                "risk.compliance.order-rate.max-orders", "1000"))) {
            var services = gateway.app().services();
            MarketPrices prices = services.bean("marketPrices");
            TradeStreamSubscriptions stream = services.bean("tradeStreamSubscriptions");
            String appKey = services.kis().accounts().all().iterator().next().appKey().reveal();
            String priceTr = services.kis().environment().trId(KisFunction.PRICE);
            await().atMost(Duration.ofSeconds(30)).until(() -> !services.realtimeSessions().live().isEmpty()
                    && services.realtimeSessions().live().values().stream().allMatch(KisRealtimeSession::isLive));
            gateway.simulator().market().freeze(true);
            long last = gateway.simulator().market().quote(SYMBOL).orElseThrow().price();

            assertThat(placeRestingBuy(gateway, last)).isEqualTo(OrderState.ACKED);
            assertThat(stream.symbols()).containsExactly(SYMBOL);
            KisRealtimeSession session = services.realtimeSessions().live().values().iterator().next();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    session.registrations().toCompletionStage().toCompletableFuture().get() == 2);

            // a trade printed at the simulator is the price, and the symbol now streams (the order's own look-up
            // may have been asked after the registration was confirmed: that polled price counts as streamed too,
            // so the wait is for the trade's price, not for the streamed flag alone)
            long traded = last + 10;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                boolean seen = prices.isStreamed(SYMBOL)
                        && prices.last(SYMBOL).orElseThrow().longValue() == traded;
                if (!seen) {
                    gateway.simulator().market().print(SYMBOL, traded, 1);
                }
                return seen;
            });
            assertThat(services.meters().get("kis.prices.streamed.symbols").gauge().value()).isEqualTo(1.0);

            // orders for a second, five times the polled age: not one inquire-price call
            long lookUps = gateway.simulator().stats().admitted(appKey, priceTr);
            long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            int placed = 0;
            while (System.nanoTime() < until || placed < 3) {
                assertThat(placeRestingBuy(gateway, traded)).isEqualTo(OrderState.ACKED);
                placed++;
            }
            assertThat(gateway.simulator().stats().admitted(appKey, priceTr)).isEqualTo(lookUps);

            // the socket drops: the price is polled again at once, and streams again once the re-registration is
            // confirmed and a trade comes
            gateway.simulator().faults().dropWebSockets();
            await().atMost(Duration.ofSeconds(10)).until(() -> !prices.isStreamed(SYMBOL));
            assertThat(services.meters().get("kis.prices.streamed.symbols").gauge().value()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                placeRestingBuy(gateway, traded);
                return gateway.simulator().stats().admitted(appKey, priceTr) > lookUps;
            });
            long tradedAgain = traded + 10;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (prices.last(SYMBOL).orElseThrow().longValue() != tradedAgain || !prices.isStreamed(SYMBOL)) {
                    gateway.simulator().market().print(SYMBOL, tradedAgain, 1);
                }
                return prices.isStreamed(SYMBOL) && prices.last(SYMBOL).orElseThrow().longValue() == tradedAgain;
            });
        }
    }

    @Test
    void theStreamedPricesAreSharedOverTheBrokerAndAnotherInstancesShareIsTakenForItsLease() throws Exception {
        try (GatewayUnderTest gateway = GatewayUnderTest.start(Map.of(
                "orders.last-price-share-ms", "200",
                "orders.last-price-share-lease-ms", "1500"));
             Connection jms = gateway.app().infrastructure().brokerConnection().connectionFactory().createConnection()) {
            var services = gateway.app().services();
            MarketPrices prices = services.bean("marketPrices");
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer shares = session.createConsumer(session.createTopic("kis.market.last-prices"));
            jms.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !services.realtimeSessions().live().isEmpty()
                    && services.realtimeSessions().live().values().stream().allMatch(KisRealtimeSession::isLive));
            gateway.simulator().market().freeze(true);
            long last = gateway.simulator().market().quote(SYMBOL).orElseThrow().price();
            assertThat(placeRestingBuy(gateway, last)).isEqualTo(OrderState.ACKED);
            long traded = last + 20;
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                boolean seen = prices.isStreamed(SYMBOL)
                        && prices.last(SYMBOL).orElseThrow().longValue() == traded;
                if (!seen) {
                    gateway.simulator().market().print(SYMBOL, traded, 1);
                }
                return seen;
            });

            // this instance shares what it streams, non-persistent, with a time-to-live
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Message m = shares.receive(500);
                return m instanceof TextMessage t
                        && t.getText().contains("\"" + SYMBOL + "\":{\"price\":\"" + traded + "\"")
                        && t.getJMSDeliveryMode() == DeliveryMode.NON_PERSISTENT && t.getJMSExpiration() > 0;
            });

            // another instance's share is taken and counts as streamed for its lease only
            MessageProducer producer = session.createProducer(session.createTopic("kis.market.last-prices"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(session.createTextMessage("{\"instance\":\"leader-elsewhere\",\"prices\":{\"000660\":{\"price\":\"123450\",\"ageMs\":0}}}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> prices.isStreamed("000660"));
            assertThat(prices.last("000660")).contains(new BigDecimal("123450"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !prices.isStreamed("000660"));

            // one that cannot be read ends on its dead-letter queue with the reason, and the route goes on
            producer.send(session.createTextMessage("{\"instance\":\"leader-elsewhere\",\"prices\":{\"000660\":{\"price\":\"n/a\",\"ageMs\":0}}}"));
            MessageConsumer dead = session.createConsumer(session.createQueue("DLQ.kis.market.last-prices"));
            Message deadLetter = dead.receive(10_000);
            assertThat(deadLetter).isNotNull();
            assertThat(deadLetter.getStringProperty("x_error_reason")).contains("000660");
            producer.send(session.createTextMessage("{\"instance\":\"leader-elsewhere\",\"prices\":{\"000660\":{\"price\":\"123500\",\"ageMs\":0}}}"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    prices.last("000660").orElseThrow().compareTo(new BigDecimal("123500")) == 0);
        }
    }

    /** A limit buy 3 % under the price (nothing fills), sent over REST; its state once it settles. */
    private static OrderState placeRestingBuy(GatewayUnderTest gateway, long price) throws Exception {
        long limit = (long) (price * 0.97) / 10 * 10;
        String client = "lp-" + UUID.randomUUID().toString().substring(0, 8);
        var r = gateway.postIntent("{\"clientOrderId\":\"" + client + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"" + SYMBOL + "\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"00\",\"price\":\""
                + limit + "\",\"timeToLiveMs\":10000}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.order(client).state().equals(OrderState.SUBMITTED)
                && !gateway.order(client).state().equals(OrderState.INTENT_CREATED));
        return gateway.order(client).state();
    }
}
