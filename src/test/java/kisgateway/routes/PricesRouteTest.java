package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/prices.camel.yaml on the real broker: an instance shares its streamed prices on the kis.market.last-prices
 * topic only when it has some, adopts what the topic brings, and dead-letters a share it cannot read
 * (DLQ.kis.market.last-prices, with the reason) while it goes on adopting. One context both shares and adopts.
 */
class PricesRouteTest extends RouteFileTestSupport {

    private final Queue<String> adopted = new ConcurrentLinkedQueue<>();
    private final AtomicReference<String> nextSnapshot = new AtomicReference<>();

    @BeforeEach
    void nothingToShareYet() {
        adopted.clear();
        nextSnapshot.set(null);
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"prices.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        properties.setProperty("orders.last-price-share-ms", "50");
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("lastPriceSharing", new Sharing());
    }

    @Test
    void streamedPricesAreSharedAndAdoptedAndNoPricesShareNothing() {
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(adopted::isEmpty);

        String prices = "{\"005930\":\"70000\",\"run\":\"" + run + "\"}";
        nextSnapshot.set(prices);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> adopted.contains(prices));
    }

    @Test
    void aShareThatCannotBeReadIsDeadLetteredWithItsReasonAndAdoptionGoesOn() throws Exception {
        template.sendBodyAndHeader("jms:topic:kis.market.last-prices", "garbled", "run", run);
        template.sendBodyAndHeader("jms:topic:kis.market.last-prices", "{\"000660\":\"150000\"}", "run", run);

        Message dead = deadLetter("DLQ.kis.market.last-prices", 10_000);
        assertThat(((TextMessage) dead).getText()).isEqualTo("garbled");
        assertThat(dead.getStringProperty("x_error_reason")).isEqualTo("shared prices are not JSON");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("adoptSharedPrices");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> adopted.contains("{\"000660\":\"150000\"}"));
    }

    /** Shares what the test set (once), adopts whatever is JSON. */
    public final class Sharing {
        public String snapshot() {
            return nextSnapshot.getAndSet(null);
        }

        public void adopt(String body) {
            if (!body.startsWith("{")) {
                throw new IllegalArgumentException("shared prices are not JSON");
            }
            adopted.add(body);
        }
    }
}
