package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/auth.camel.yaml: a refresh that fails ends on DLQ.kis.auth with its reason and route, and the route
 * goes on to the next tick. The timer and quartz triggers are replaced by {@code direct:} endpoints so the test
 * decides when a tick comes; the token service is a double that fails when told to.
 */
class AuthRouteTest extends RouteFileTestSupport {

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @BeforeEach
    void forgetTheLastTestsCalls() {
        calls.clear();
        failuresToCome.set(0);
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"auth.camel.yaml"};
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        for (String route : new String[] {"obtainAccessTokensAtStartup", "refreshAccessTokens", "refreshApprovalKeys"}) {
            AdviceWith.adviceWith(context, route, a -> a.replaceFromWith("direct:" + route));
        }
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("tokenRefresher", new TokenRefresher());
    }

    @Test
    void aFailingRefreshEndsOnTheAuthDeadLetterQueueAndTheNextTickRefreshes() throws Exception {
        failuresToCome.set(1);

        template.sendBodyAndHeader("direct:refreshAccessTokens", "tick", "run", run);
        template.sendBodyAndHeader("direct:refreshAccessTokens", "tick", "run", run);

        Message dead = deadLetter("DLQ.kis.auth", 10_000);
        assertThat(dead.getStringProperty("x_error_reason")).isEqualTo("EGW00133 token issue throttled");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("refreshAccessTokens");
        assertThat(deadLetter("DLQ.kis.auth", 200)).as("one failure, one dead letter").isNull();
        assertThat(calls).containsExactly("refreshAccessTokens:failed", "refreshAccessTokens");
        assertThat(context.getRouteController().getRouteStatus("refreshAccessTokens")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void theStartupObtainsTokensAndTheDailyTickRenewsApprovalKeys() throws Exception {
        template.sendBodyAndHeader("direct:obtainAccessTokensAtStartup", "tick", "run", run);
        template.sendBodyAndHeader("direct:refreshApprovalKeys", "tick", "run", run);

        assertThat(calls).containsExactly("refreshAccessTokens", "refreshApprovalKeys");
        assertThat(deadLetter("DLQ.kis.auth", 200)).isNull();
    }

    @Test
    void aFailingApprovalKeyRenewalIsDeadLetteredFromItsOwnRoute() throws Exception {
        failuresToCome.set(1);

        template.sendBodyAndHeader("direct:refreshApprovalKeys", "tick", "run", run);

        Message dead = deadLetter("DLQ.kis.auth", 10_000);
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("refreshApprovalKeys");
        assertThat(dead.getStringProperty("x_error_type")).isEqualTo(IllegalStateException.class.getName());
    }

    /** Fails the next {@code failuresToCome} calls, as KIS's token endpoint refusing would. */
    public final class TokenRefresher {
        public void refreshAccessTokens() {
            call("refreshAccessTokens");
        }

        public void refreshApprovalKeys() {
            call("refreshApprovalKeys");
        }

        private void call(String what) {
            if (failuresToCome.getAndDecrement() > 0) {
                calls.add(what + ":failed");
                throw new IllegalStateException("EGW00133 token issue throttled");
            }
            calls.add(what);
        }
    }
}
