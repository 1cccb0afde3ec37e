package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/operations.camel.yaml and routes/operations-jobs.camel.yaml over real HTTP: the operator's reads and the
 * participation clear need operator credentials and carry the operator's name; /hawtio points to the console's own
 * port; the jobs' timers call their beans (the leader's under master:, this context holding the lock).
 */
class OperationsRouteTest extends RouteFileTestSupport {

    private static final String OPERATOR = "Basic b3BlcmF0b3I6c2VjcmV0";

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final Queue<String> jobs = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void forgetTheLastTestsCalls() {
        calls.clear();
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"operations.camel.yaml", "operations-jobs.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        for (String period : new String[] {"ops.tickets.publish-sweep-ms", "ops.tickets.webhook.poll-ms", "kis.appkey.flush-ms",
                "kis.appkey.check-poll-ms", "ops.participation.review-ms"}) {
            properties.setProperty(period, "50");
        }
        properties.setProperty("hawtio.host", "127.0.0.1");
        properties.setProperty("hawtio.port", "18081");
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("tradingStateAdmin", new OperatorLogin());
        registry.bind("appKeyAnswers", new AppKeyAnswers());
        registry.bind("participationAnswers", new ParticipationAnswers());
        registry.bind("ticketPublishing", new Job("publishPending"));
        registry.bind("ticketWebhook", new Job("deliverDue"));
        registry.bind("appKeyLiveness", new Job("flush/checkIfDue"));
        registry.bind("participationReview", new Job("review"));
        registry.bind("orderApiResponses", new ApiResponsesDouble());
        registry.bind("drillRuns", new DrillRunsDouble());
        registry.bind("kisLeadership", new Object() {
            public boolean isLeader() {
                return true;
            }
        });
        registry.bind("intakeStamp", new kisgateway.app.adapter.api.IntakeStamp());
        registry.bind("intentParser", new Object() {
            public Object parse(String json) {
                throw new AssertionError("no drill order in these tests");
            }
        });
    }

    @Test
    void appKeysAreReadWithOperatorCredentialsOnly() throws Exception {
        assertThat(get("/api/admin/app-keys", null).statusCode()).isEqualTo(401);
        assertThat(calls).isEmpty();

        HttpResponse<String> answer = get("/api/admin/app-keys", OPERATOR);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[{\"appKey\":\"sim\"}]");
        assertThat(calls).containsExactly("statuses");
    }

    @Test
    void aParticipationReviewIsClearedInTheOperatorsName() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/admin/participation-reviews/t-7/clear"))
                .header("Authorization", OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("clear:t-7/operator");
    }

    @Test
    void hawtioOnTheOperationsPortPointsToTheConsolesOwnPort() throws Exception {
        HttpResponse<String> answer = get("/hawtio", null);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("http://127.0.0.1:18081/hawtio/");
    }

    @Test
    void everyJobRunsOnItsTimer() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jobs)
                .contains("publishPending", "deliverDue", "flush", "checkIfDue", "review"));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public final class OperatorLogin {
        public String authenticate(String authorization) {
            if (!OPERATOR.equals(authorization)) {
                throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
            }
            return "operator";
        }
    }

    public final class AppKeyAnswers {
        public String statuses() {
            calls.add("statuses");
            return "[{\"appKey\":\"sim\"}]";
        }
    }

    public final class ParticipationAnswers {
        public String open() {
            calls.add("open");
            return "[]";
        }

        public String clear(String ticketId, String operator) {
            calls.add("clear:" + ticketId + "/" + operator);
            return "{\"cleared\":\"" + ticketId + "\"}";
        }
    }

    /** Records each of its job methods once called. */
    public final class Job {
        private final String names;

        Job(String names) {
            this.names = names;
        }

        public void publishPending() {
            ran("publishPending");
        }

        public void deliverDue() {
            ran("deliverDue");
        }

        public void flush() {
            ran("flush");
        }

        public void checkIfDue() {
            ran("checkIfDue");
        }

        public void review() {
            ran("review");
        }

        private void ran(String job) {
            if (names.contains(job) && !jobs.contains(job)) {
                jobs.add(job);
            }
        }
    }
}
