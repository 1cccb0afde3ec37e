package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/mass-cancel.camel.yaml over real HTTP: an operator's mass cancel is checked, then run on the leader (every
 * order planned is cancelled, the report answered) or forwarded to it with the request as checked; a kill switch's
 * sweep runs only when due. Planning and cancelling are kisgateway.order.masscancel's (their own tests); here
 * massCancels is a double.
 */
class MassCancelRouteTest extends RouteFileTestSupport {

    private static final String OPERATOR = "Basic b3BlcmF0b3I6c2VjcmV0";

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final AtomicBoolean sweepDue = new AtomicBoolean();
    private final ExecutorService cancelThreads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startEachTestAsTheLeaderWithNoSweepDue() {
        leader.set(true);
        sweepDue.set(false);
        calls.clear();
        MockEndpoint.resetMocks(context);
    }

    @AfterAll
    void stopTheCancelThreads() {
        cancelThreads.shutdownNow();
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"mass-cancel.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        properties.setProperty("risk-gate.kill-switch-enforce-poll-ms", "50");
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "massCancelByOperator", a -> a.mockEndpointsAndSkip("direct:askLeader"));
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("tradingStateAdmin", new OperatorLogin());
        registry.bind("massCancels", new MassCancels());
        registry.bind("kisLeadership", new Leadership());
        registry.bind("killSwitchSweeps", new Sweeps());
        registry.bind("massCancelThreads", cancelThreads);
        registry.bind("orderApiResponses", new ApiResponsesDouble());
    }

    @Test
    void theLeaderCancelsEveryPlannedOrderAndAnswersTheReport() throws Exception {
        HttpResponse<String> answer = post("/api/admin/mass-cancels/ACCOUNT/sim", OPERATOR, "{\"reason\":\"drill\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"report\":\"ACCOUNT/sim\",\"canceled\":2}");
        assertThat(calls).startsWith("fromOperator:ACCOUNT/sim/{\"reason\":\"drill\"}/operator", "start:ACCOUNT/sim");
        assertThat(calls).contains("cancelOne:o1", "cancelOne:o2").endsWith("answer:ACCOUNT/sim");
    }

    @Test
    void withoutOperatorCredentialsNothingIsCanceled() throws Exception {
        HttpResponse<String> answer = post("/api/admin/mass-cancels/ACCOUNT/sim", null, "{\"reason\":\"drill\"}");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void aRequestTheCheckRefusesIsABadRequestAndCancelsNothing() throws Exception {
        HttpResponse<String> answer = post("/api/admin/mass-cancels/PLANET/earth", OPERATOR, "{\"reason\":\"drill\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(calls).containsExactly("fromOperator:PLANET/earth/{\"reason\":\"drill\"}/operator");
    }

    @Test
    void aFollowerForwardsTheCheckedRequestAndCancelsNothingItself() throws Exception {
        leader.set(false);
        MockEndpoint askLeader = getMockEndpoint("mock:direct:askLeader");
        askLeader.expectedMessageCount(1);
        askLeader.expectedHeaderReceived("kisLeaderCall", "mass-cancel");
        askLeader.expectedHeaderReceived("kisOperator", "operator");
        askLeader.expectedHeaderReceived("kisScope", "ACCOUNT");
        askLeader.expectedHeaderReceived("kisKey", "sim");
        askLeader.expectedBodiesReceived("{\"reason\":\"drill\",\"requestId\":\"fixed-1\"}");

        post("/api/admin/mass-cancels/ACCOUNT/sim", OPERATOR, "{\"reason\":\"drill\"}");

        askLeader.assertIsSatisfied();
        assertThat(askLeader.getExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("Authorization");
        assertThat(calls).noneMatch(c -> c.startsWith("start") || c.startsWith("cancelOne"));
    }

    @Test
    void aKillSwitchSweepRunsOnlyWhenDue() {
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> calls.stream().noneMatch(c -> c.startsWith("start")));

        sweepDue.set(true);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calls.contains("answer:GLOBAL/*"));
        assertThat(calls).contains("start:GLOBAL/*", "cancelOne:o1", "cancelOne:o2");
    }

    @Test
    void aReportIsReadWithOperatorCredentials() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/admin/mass-cancels/switch-1"))
                .header("Authorization", OPERATOR).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("report:switch-1");
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public record Scope(String kind, String key) {
    }

    public record Request(Scope scope, String actor) {
        @Override
        public String toString() {
            return scope.kind() + "/" + scope.key();
        }
    }

    public record Run(Request request, List<String> toCancel) {
    }

    /** Plans two orders for any scope; refuses a scope that is not GLOBAL, ACCOUNT or STRATEGY. */
    public final class MassCancels {
        public Request fromOperator(String scope, String key, String body, String actor) {
            calls.add("fromOperator:" + scope + "/" + key + "/" + body + "/" + actor);
            if (!List.of("GLOBAL", "ACCOUNT", "STRATEGY").contains(scope)) {
                throw new IllegalArgumentException("scope must be GLOBAL, ACCOUNT or STRATEGY");
            }
            return new Request(new Scope(scope, key), actor);
        }

        public Run start(Request request) {
            calls.add("start:" + request);
            return new Run(request, List.of("o1", "o2"));
        }

        public void cancelOne(Run run, String order) {
            calls.add("cancelOne:" + order);
        }

        public String answer(Run run) {
            calls.add("answer:" + run.request());
            return "{\"report\":\"" + run.request() + "\",\"canceled\":" + run.toCancel().size() + "}";
        }

        public String forwardBody(Request request) {
            return "{\"reason\":\"drill\",\"requestId\":\"fixed-1\"}";
        }

        public String report(String requestId) {
            calls.add("report:" + requestId);
            return "{}";
        }

        public List<Request> dueForSwitches() {
            sweepDue.set(false);
            return List.of(new Request(new Scope("GLOBAL", "*"), "switch"));
        }
    }

    public final class Leadership {
        public boolean isLeader() {
            return leader.get();
        }
    }

    public final class Sweeps {
        public boolean due() {
            return sweepDue.get();
        }
    }

    public final class OperatorLogin {
        public String authenticate(String authorization) {
            if (!OPERATOR.equals(authorization)) {
                throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
            }
            return "operator";
        }
    }
}
