package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import kisgateway.app.adapter.api.IntakeStamp;
import kisgateway.order.Intent;
import kisgateway.order.IntentParser;
import kisgateway.order.OrderIntent;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/order-api.camel.yaml with routes/orders.camel.yaml behind it, over real HTTP on a free port: what each
 * outcome answers (200, 401, 400, 403, 409), what a follower forwards to the leader and what it keeps back, and
 * the reads and kill-switch moves reaching their beans with the caller's identity. The parser is the real one; the
 * answers' JSON is ApiResponsesDouble's (the real rendering has its own tests).
 */
class OrderApiRouteTest extends RouteFileTestSupport {

    private static final String KEY = "demo-key";
    private static final String OPERATOR = "Basic b3BlcmF0b3I6c2VjcmV0";

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final ApiResponsesDouble answers = new ApiResponsesDouble();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startEachTestAsTheLeader() {
        calls.clear();
        answers.calls.clear();
        leader.set(true);
        MockEndpoint.resetMocks(context);
    }

    @Override
    protected boolean servesHttp() {
        return true;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"order-api.camel.yaml", "orders.camel.yaml"};
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        // the leader's side of a forward is routes/cluster.camel.yaml's (ClusterRouteTest)
        AdviceWith.adviceWith(context, "receiveIntentOverRest", a -> a.mockEndpointsAndSkip("direct:askLeader"));
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("intakeStamp", new IntakeStamp());
        registry.bind("intentParser", new IntentParser(Set.of("sim"), Duration.ofSeconds(2), Duration.ofSeconds(60),
                1_000_000, Clock.systemUTC()));
        registry.bind("orderApiResponses", answers);
        registry.bind("strategyPermissions", new Permissions());
        registry.bind("kisLeadership", new Leadership());
        registry.bind("forwardWait", new ForwardWait());
        registry.bind("orderIntake", new Intake());
        registry.bind("preTradeCheck", new RiskGate());
        registry.bind("orderSender", new Sender());
        registry.bind("orderReaders", new Readers());
        registry.bind("tradingStateAdmin", new TradingStates());
        registry.bind("killSwitchBoard", new Quiet());
        registry.bind("executionNoticeApplier", new Quiet());
        registry.bind("orderAmender", new Quiet());
        registry.bind("intentSenderBinding", new Quiet());
        registry.bind("outboxRelay", new Quiet());
        registry.bind("workingLevelFold", new Quiet());
        registry.bind("shadowSender", new LiveOnly());
        registry.bind("parentOrderDesk", new NoParentOrders());
        registry.bind("parentOrderAnswers", new NoParentOrders());
    }

    @Test
    void anIntentTheLeaderTakesIsAnsweredWithItsOrder() throws Exception {
        HttpResponse<String> answer = post("/api/orders", KEY, newOrder("api1"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).isEqualTo("{\"order\":\"api1\"}");
        assertThat(calls).containsExactly("authenticate:demo-key", "authorizeCaller:demo/demo/sim", "accept:api1",
                "screen:api1", "submit:api1");
        assertThat(answers.calls).containsExactly("order:api1/false");
    }

    @Test
    void aClientOrderIdReusedForAnotherOrderIsAnsweredAsAConflict() throws Exception {
        HttpResponse<String> answer = post("/api/orders", KEY, newOrder("clash1"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answers.calls).containsExactly("order:clash1/true");
        assertThat(calls).noneMatch(c -> c.startsWith("submit"));
    }

    @Test
    void noApiKeyIsUnauthorisedAndTakesNothing() throws Exception {
        HttpResponse<String> answer = post("/api/orders", null, newOrder("nokey1"));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\"");
        assertThat(calls).containsExactly("authenticate:null");
    }

    @Test
    void aMalformedIntentIsABadRequest() throws Exception {
        HttpResponse<String> answer = post("/api/orders", KEY, "{\"clientOrderId\": oops");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(calls).containsExactly("authenticate:demo-key");
    }

    @Test
    void aStrategyActingForAnotherIsForbidden() throws Exception {
        HttpResponse<String> answer = post("/api/orders", KEY,
                newOrder("other1").replace("\"strategyId\":\"demo\"", "\"strategyId\":\"other\""));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(calls).containsExactly("authenticate:demo-key", "authorizeCaller:demo/other/sim");
    }

    @Test
    void aFollowerForwardsTheIntentAsSentWithTheStrategyButNotTheApiKey() throws Exception {
        leader.set(false);
        MockEndpoint askLeader = getMockEndpoint("mock:direct:askLeader");
        askLeader.expectedMessageCount(1);
        askLeader.expectedHeaderReceived("kisLeaderCall", "intent");
        askLeader.expectedHeaderReceived("kisStrategyId", "demo");
        askLeader.expectedHeaderReceived("CamelJmsRequestTimeout", 9_000L);
        String intent = newOrder("fwd1");

        post("/api/orders", KEY, intent);

        askLeader.assertIsSatisfied();
        assertThat(askLeader.getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo(intent);
        assertThat(askLeader.getExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("X-Api-Key");
        assertThat(calls).noneMatch(c -> c.startsWith("accept"));
    }

    @Test
    void anOrderIsReadAsItsReaderMayReadIt() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/orders/api1")).header("X-Api-Key", KEY)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answers.calls).containsExactly("find:reader:demo-key/null/api1");
    }

    @Test
    void aKillSwitchMovesWithTheOperatorWhoMovedIt() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/admin/trading-states/ACCOUNT/sim"))
                .header("Authorization", OPERATOR).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"HALTED\",\"reason\":\"drill\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(calls).containsExactly("operator", "change:ACCOUNT/sim/{\"state\":\"HALTED\",\"reason\":\"drill\"}/operator");
    }

    private HttpResponse<String> post(String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String newOrder(String clientOrderId) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";
    }

    public record Decision(ApiOrder order, boolean proceed, boolean conflicting, Object book) {
    }

    public record Screening(boolean allowed, ApiOrder order) {
    }

    /** An order as the flow carries it: its client id, never a shadow one (the point of sending asks). */
    public record ApiOrder(String clientOrderId) {
        public boolean shadow() {
            return false;
        }

        @Override
        public String toString() {
            return clientOrderId;
        }
    }

    public final class Permissions {
        public String authenticate(String apiKey) {
            calls.add("authenticate:" + apiKey);
            if (!KEY.equals(apiKey)) {
                throw new StrategyPermissions.NotAuthenticated("missing X-Api-Key header");
            }
            return "demo";
        }

        public void authorizeCaller(String authenticated, String strategyId, String account) {
            calls.add("authorizeCaller:" + authenticated + "/" + strategyId + "/" + account);
            if (!authenticated.equals(strategyId)) {
                throw new StrategyPermissions.NotPermitted("API key of strategy '" + authenticated + "' cannot act for '"
                        + strategyId + "'");
            }
        }

        public void authorize(String strategyId, String account) {
        }
    }

    public final class Leadership {
        public boolean isLeader() {
            return leader.get();
        }
    }

    public static final class ForwardWait {
        public long forIntent(Intent intent) {
            return 9_000L;
        }
    }

    /** A "clash" client order id names another order already. */
    public final class Intake {
        public Decision accept(OrderIntent intent) {
            calls.add("accept:" + intent.clientOrderId());
            boolean clash = intent.clientOrderId().startsWith("clash");
            return new Decision(new ApiOrder(intent.clientOrderId()), !clash, clash, null);
        }
    }

    public final class RiskGate {
        public Screening screen(ApiOrder order, Object book) {
            calls.add("screen:" + order);
            return new Screening(true, order);
        }
    }

    public final class Sender {
        public ApiOrder submit(ApiOrder order, Long intakeNanos) {
            calls.add("submit:" + order);
            return order;
        }

        public ApiOrder afterFallback(ApiOrder order, Boolean shortCircuited, Exception failure) {
            calls.add("afterFallback:" + order);
            return order;
        }
    }

    public static final class Readers {
        public String authenticate(String apiKey, String authorization) {
            return "reader:" + apiKey + "/" + authorization;
        }
    }

    public final class TradingStates {
        public String authenticate(String authorization) {
            if (!OPERATOR.equals(authorization)) {
                throw new StrategyPermissions.NotAuthenticated("operator credentials required (HTTP Basic)");
            }
            calls.add("operator");
            return "operator";
        }

        public String change(String scope, String key, String body, String actor) {
            calls.add("change:" + scope + "/" + key + "/" + body + "/" + actor);
            return "{\"state\":\"HALTED\"}";
        }

        public String list() {
            return "[]";
        }
    }

    /** Beans the routes call on the way that this class asserts nothing about. */
    /** The point of sending with every account live: nothing is shadowed or refused there. */
    public static final class LiveOnly {
        public boolean demotedSinceIntake(Object order) {
            return false;
        }

        public Object record(Object order) {
            throw new AssertionError("no order of these tests is a shadow one: " + order);
        }

        public Object refuseDemoted(Object order) {
            throw new AssertionError("no account of these tests was demoted: " + order);
        }
    }

    public static final class Quiet {
        public void reload() {
        }

        public void catchUpAfterSend(Object order) {
        }

        public Object bind(String user, Object intent) {
            return intent;
        }

        public void publishOrderEvents() {
        }

        public void fold() {
        }

        public void cancel(Object intent) {
        }

        public void replace(Object intent) {
        }
    }
}
