package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/reconciliation.camel.yaml: who runs a reconciliation (the KIS leader here, the leader asked from a
 * follower), what the on-demand REST call answers (over real HTTP on a free port), and where a failed run ends
 * (DLQ.kis.recon with its reason). The leader's side of a forward is routes/cluster.camel.yaml's, tested in
 * ClusterRouteTest: here {@code direct:askLeader} is a mock.
 */
class ReconciliationRouteTest extends RouteFileTestSupport {

    private static final String OPERATOR = "Basic b3BlcmF0b3I6c2VjcmV0";

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final AtomicBoolean runsFail = new AtomicBoolean();
    private final AtomicBoolean awaitsFirstSuccess = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startEachTestAsTheLeaderWithRunsThatSucceed() {
        calls.clear();
        leader.set(true);
        runsFail.set(false);
        awaitsFirstSuccess.set(true);
        MockEndpoint.resetMocks(context);
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"reconciliation.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        properties.setProperty("reconcile.interval-ms", "3600000");
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "reconcileAtStartup", a -> {
            a.replaceFromWith("direct:reconcileAtStartup");
            a.mockEndpointsAndSkip("direct:askLeader");
        });
        AdviceWith.adviceWith(context, "reportAfterTheClose", a -> a.replaceFromWith("direct:reportAfterTheClose"));
        AdviceWith.adviceWith(context, "reconcileOnDemand", a -> a.mockEndpointsAndSkip("direct:askLeader"));
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("kisLeadership", new Leadership());
        registry.bind("reconciliation", new Reconciliation());
        registry.bind("reconciliationAnswers", new Answers());
        registry.bind("dailyReport", new DailyReport());
        registry.bind("tradingStateAdmin", new OperatorLogin());
        registry.bind("orderApiResponses", new ApiResponsesDouble());
    }

    @Test
    void onDemandTheLeaderReconcilesAndAnswersTheRuns() throws Exception {
        HttpResponse<String> answer = post("/api/admin/reconciliations", OPERATOR);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).isEqualTo("{\"runs\":[\"ON_DEMAND:ok\"]}");
        assertThat(calls).containsExactly("authenticate", "reconcileAll:ON_DEMAND", "runs");
    }

    @Test
    void onDemandWithoutOperatorCredentialsRunsNothing() throws Exception {
        HttpResponse<String> answer = post("/api/admin/reconciliations", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\"");
        assertThat(calls).containsExactly("authenticate");
    }

    @Test
    void onDemandAFollowerAsksTheLeaderWithoutPassingOnTheCredentials() throws Exception {
        leader.set(false);
        MockEndpoint askLeader = getMockEndpoint("mock:direct:askLeader");
        askLeader.expectedMessageCount(1);
        askLeader.expectedHeaderReceived("kisLeaderCall", "reconcile");
        askLeader.expectedHeaderReceived("kisTrigger", "ON_DEMAND");

        post("/api/admin/reconciliations", OPERATOR);

        askLeader.assertIsSatisfied();
        assertThat(askLeader.getExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("Authorization");
        assertThat(calls).containsExactly("authenticate");
    }

    @Test
    void aFailedRunIsDeadLetteredWithItsReasonAndTheNextRunGoesAhead() throws Exception {
        runsFail.set(true);
        template.sendBodyAndHeader("seda:reconcileAfterReconnect", "reconnected", "run", run);

        Message dead = deadLetter("DLQ.kis.recon", 10_000);
        assertThat(dead.getStringProperty("x_error_reason")).isEqualTo("inquire-balance answered 500");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("reconcileAfterReconnect");

        runsFail.set(false);
        template.sendBodyAndHeader("seda:reconcileAfterReconnect", "reconnected", "run", run);
        Awaitility.await().untilAsserted(() ->
                assertThat(calls).containsExactly("reconcileAll:RECONNECT:failed", "reconcileAll:RECONNECT"));
    }

    @Test
    void atStartupTheLeaderRunsItselfAndAFollowerCountsTheLeadersRuns() throws Exception {
        template.sendBody("direct:reconcileAtStartup", null);
        assertThat(calls).containsExactly("reconcileUntilFirstSuccess:STARTUP");

        calls.clear();
        leader.set(false);
        MockEndpoint askLeader = getMockEndpoint("mock:direct:askLeader");
        askLeader.expectedHeaderReceived("kisLeaderCall", "peer-startup");
        template.sendBody("direct:reconcileAtStartup", null);
        askLeader.assertIsSatisfied();
        assertThat(calls).containsExactly("awaitsFirstSuccess", "countLeaderRuns");

        calls.clear();
        awaitsFirstSuccess.set(false);
        template.sendBody("direct:reconcileAtStartup", null);
        assertThat(calls).as("a follower whose accounts all succeeded once asks no more").containsExactly("awaitsFirstSuccess");
    }

    @Test
    void afterTheCloseTheBooksAreComparedThenReported() {
        template.sendBody("direct:reportAfterTheClose", null);

        assertThat(calls).containsExactly("reconcileAll:REPORT", "reportToday");
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public final class Leadership {
        public boolean isLeader() {
            return leader.get();
        }
    }

    /** Runs that fail while {@code runsFail} (KIS answering 500); a run's record is "trigger:ok". */
    public final class Reconciliation {
        public List<String> reconcileAll(String trigger) {
            if (runsFail.get()) {
                calls.add("reconcileAll:" + trigger + ":failed");
                throw new IllegalStateException("inquire-balance answered 500");
            }
            calls.add("reconcileAll:" + trigger);
            return List.of(trigger + ":ok");
        }

        public void reconcileUntilFirstSuccess(String trigger) {
            calls.add("reconcileUntilFirstSuccess:" + trigger);
        }

        public void reconcileIfTrading(String trigger) {
            calls.add("reconcileIfTrading:" + trigger);
        }

        public boolean awaitsFirstSuccess() {
            calls.add("awaitsFirstSuccess");
            return awaitsFirstSuccess.get();
        }

        public void countLeaderRuns(Object answer) {
            calls.add("countLeaderRuns");
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

    public final class OperatorLogin {
        public String authenticate(String authorization) {
            calls.add("authenticate");
            if (!OPERATOR.equals(authorization)) {
                throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
            }
            return "operator";
        }
    }
}
