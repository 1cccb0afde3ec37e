package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.app.adapter.api.IntakeStamp;
import kisgateway.order.IntentParser;
import kisgateway.order.OrderIntent;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/cluster.camel.yaml on the real broker: a follower's {@code direct:askLeader} goes request/reply over
 * kis.internal.leader.requests to the leader's {@code answerFollowers} ({@code master:}; this context holds the
 * lock, so it is both), which runs the call and answers with a status; every failure becomes the answer. The
 * intent and mass-cancel branches hand over to other files' routes, mocked here; the beans are doubles.
 */
class ClusterRouteTest extends RouteFileTestSupport {

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final ApiResponsesDouble answers = new ApiResponsesDouble();
    private final AtomicBoolean runsFail = new AtomicBoolean();
    private final AtomicInteger heartbeats = new AtomicInteger();

    @BeforeEach
    void forgetTheLastTestsCalls() {
        calls.clear();
        answers.calls.clear();
        runsFail.set(false);
        MockEndpoint.resetMocks(context);
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"cluster.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        // the follower's own reply queue (the gateway sets it from its instance id)
        properties.setProperty("cluster.instance-id", "route-test-" + UUID.randomUUID());
        properties.setProperty("cluster.key-settings.heartbeat-ms", "100");
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "answerFollowers", a -> a.mockEndpointsAndSkip("direct:answerIntent",
                "direct:runMassCancel"));
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("intakeStamp", new IntakeStamp());
        registry.bind("intentParser", new IntentParser(Set.of("sim"), Duration.ofSeconds(2), Duration.ofSeconds(60),
                1_000_000, Clock.systemUTC()));
        registry.bind("strategyPermissions", new Permissions());
        registry.bind("reconciliation", new Reconciliation());
        registry.bind("reconciliationAnswers", new Answers());
        registry.bind("dailyReport", new DailyReport());
        registry.bind("massCancels", new MassCancels());
        registry.bind("orderApiResponses", answers);
        registry.bind("clusterKeyMembership", new KeyMembership());
        registry.bind("drillRuns", new DrillRunsDouble());
    }

    @Test
    void theLeaderRunsAFollowersReconciliationAndAnswersTheRuns() {
        Exchange answer = askLeader("", Map.of("kisLeaderCall", "reconcile", "kisTrigger", "ON_DEMAND"));

        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(answer.getMessage().getBody(String.class)).isEqualTo("{\"runs\":[\"ON_DEMAND:ok\"]}");
        assertThat(calls).containsExactly("reconcileAll:ON_DEMAND", "runs");
        assertThat(answer.getMessage().getHeaders()).as("nothing of the leader's leaks to the caller")
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE);
    }

    @Test
    void aFollowerStartingUpGetsTheLeadersPeerRuns() {
        Exchange answer = askLeader("", Map.of("kisLeaderCall", "peer-startup"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(calls).containsExactly("reconcileForPeer:PEER_STARTUP", "runs");
    }

    @Test
    void aFailedRunIsTheAnswerNotASilence() {
        runsFail.set(true);

        Exchange answer = askLeader("", Map.of("kisLeaderCall", "report"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(500);
        assertThat(answer.getMessage().getBody(String.class)).contains("\"error\"");
        assertThat(calls).containsExactly("reconcileAll:REPORT:failed");
    }

    @Test
    void aCallTheLeaderDoesNotTakeIsRefusedAsBadInput() {
        Exchange answer = askLeader("", Map.of("kisLeaderCall", "shutdown"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(400);
        assertThat(calls).isEmpty();
    }

    @Test
    void aForwardedIntentIsParsedAndAuthorisedForItsAuthenticatedStrategyThenTaken() throws Exception {
        MockEndpoint answerIntent = getMockEndpoint("mock:direct:answerIntent");
        answerIntent.expectedMessageCount(1);
        String intent = "{\"clientOrderId\":\"fwd1\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";

        askLeader(intent, Map.of("kisLeaderCall", "intent", "kisStrategyId", "demo"));

        answerIntent.assertIsSatisfied();
        assertThat(answerIntent.getExchanges().get(0).getMessage().getBody()).isInstanceOf(OrderIntent.class);
        assertThat(calls).containsExactly("authorizeCaller:demo/demo/sim");
    }

    @Test
    void aForwardedIntentForAnotherStrategyIsForbiddenAtTheLeaderToo() throws Exception {
        MockEndpoint answerIntent = getMockEndpoint("mock:direct:answerIntent");
        answerIntent.expectedMessageCount(0);
        String intent = "{\"clientOrderId\":\"fwd2\",\"account\":\"sim\",\"strategyId\":\"other\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";

        Exchange answer = askLeader(intent, Map.of("kisLeaderCall", "intent", "kisStrategyId", "demo"));

        assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(403);
        answerIntent.assertIsSatisfied();
    }

    @Test
    void aMassCancelIsReadAgainAtTheLeaderThenRun() throws Exception {
        MockEndpoint run = getMockEndpoint("mock:direct:runMassCancel");
        run.expectedMessageCount(1);

        askLeader("{\"state\":\"HALTED\"}", Map.of("kisLeaderCall", "mass-cancel", "kisScope", "ACCOUNT",
                "kisKey", "sim", "kisOperator", "operator"));

        run.assertIsSatisfied();
        assertThat(calls).containsExactly("fromOperator:ACCOUNT/sim/{\"state\":\"HALTED\"}/operator");
        assertThat(run.getExchanges().get(0).getProperty("massCancelRequest")).isEqualTo("request:ACCOUNT/sim");
    }

    @Test
    void everyInstanceMarksItsKeysAlive() {
        int before = heartbeats.get();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heartbeats.get() >= before + 2);
    }

    private Exchange askLeader(String body, Map<String, Object> headers) {
        return template.request("direct:askLeader", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    public final class Permissions {
        public void authorizeCaller(String authenticated, String strategyId, String account) {
            calls.add("authorizeCaller:" + authenticated + "/" + strategyId + "/" + account);
            if (!authenticated.equals(strategyId)) {
                throw new StrategyPermissions.NotPermitted("API key of strategy '" + authenticated + "' cannot act for '"
                        + strategyId + "'");
            }
        }
    }

    public final class Reconciliation {
        public List<String> reconcileAll(String trigger) {
            if (runsFail.get()) {
                calls.add("reconcileAll:" + trigger + ":failed");
                throw new IllegalStateException("inquire-balance answered 500");
            }
            calls.add("reconcileAll:" + trigger);
            return List.of(trigger + ":ok");
        }

        public List<String> reconcileForPeer(String trigger) {
            calls.add("reconcileForPeer:" + trigger);
            return List.of(trigger + ":ok");
        }
    }

    public final class Answers {
        public String runs(List<String> runs) {
            calls.add("runs");
            return "{\"runs\":[\"" + String.join("\",\"", runs) + "\"]}";
        }

        public String report(Object summary) {
            calls.add("report");
            return "{\"report\":\"" + summary + "\"}";
        }
    }

    public final class DailyReport {
        public String reportToday() {
            calls.add("reportToday");
            return "today";
        }
    }

    public final class MassCancels {
        public String fromOperator(String scope, String key, String body, String actor) {
            calls.add("fromOperator:" + scope + "/" + key + "/" + body + "/" + actor);
            return "request:" + scope + "/" + key;
        }
    }

    public final class KeyMembership {
        public void heartbeat() {
            heartbeats.incrementAndGet();
        }
    }
}
