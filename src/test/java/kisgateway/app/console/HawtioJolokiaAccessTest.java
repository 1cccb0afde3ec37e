package kisgateway.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import kisgateway.testing.GatewayUnderTest;
import kisgateway.testing.TestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hawtio's Jolokia over real HTTP, in sim mode (the mode that used to need no login), with the shipped access
 * policy and an operator password made of everything the old properties file misread. One gateway with Hawtio
 * for the class: its start is the slow part.
 */
class HawtioJolokiaAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "ops";
    private static final String PASSWORD = "p,ss=wo:rd\\ 한글 ✓";
    /** A second operator (gateway.operator.logins-file), for four eyes. */
    private static final String SECOND_USER = "bob";
    private static final String SECOND_PASSWORD = "second-pair-of-eyes";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static GatewayUnderTest gateway;
    private static String jolokia;
    private static String console;
    private static String route;
    private static String context;

    @BeforeAll
    static void start() throws Exception {
        int port = TestConfig.freePort();
        long started = System.nanoTime();
        Path logins = Files.createTempFile("operators", ".txt");
        Files.writeString(logins, OperatorLoginsFile.line(SECOND_USER, SECOND_PASSWORD, 10_000) + "\n");
        gateway = GatewayUnderTest.start(Map.of(
                "hawtio.enabled", "true",
                "hawtio.port", String.valueOf(port),
                "gateway.operator.user", USER,
                "gateway.operator.password", PASSWORD,
                "gateway.operator.logins-file", logins.toString(),
                "rollout.four-eyes", "true",
                "rollout.account.sim.phase", "RAMP"));
        System.out.println("gateway with Hawtio started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        console = "http://127.0.0.1:" + port;
        jolokia = console + "/hawtio/jolokia";
        route = only(post(search("org.apache.camel:type=routes,name=\"redirectToHawtio\",*"), login()));
        context = only(post(search("org.apache.camel:type=context,*"), login()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyRequestNeedsTheOperatorLoginInSimModeToo() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(jolokia + "/version")).GET(), null, console);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("Basic").contains("kis-gateway").containsIgnoringCase("charset=\"UTF-8\""));
        ObjectNode halt = exec("kisgateway:type=TradingStates", "halt", "STRATEGY", "demo", "anonymous page");
        assertThat(post(halt, null).statusCode()).isEqualTo(401);
        // the part of the password before its comma, which the old properties file took for the whole
        assertThat(post(halt, basic(USER, "p")).statusCode()).isEqualTo(401);
        assertThat(post(halt, basic(USER, PASSWORD + " ")).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(console + "/hawtio/")).GET(), null, null).statusCode())
                .as("the console's pages too").isEqualTo(401);
        assertThat(state("demo")).as("no anonymous move").isIn(null, "ACTIVE");
    }

    @Test
    void theOperatorReadsRoutesAndStopsAndStartsThem() throws Exception {
        assertThat(value(read(route, "State"))).isEqualTo("Started");
        assertThat(status(exec(route, "stop()"))).isEqualTo(200);
        assertThat(value(read(route, "State"))).isEqualTo("Stopped");
        assertThat(status(exec(route, "start()"))).isEqualTo(200);
        assertThat(value(read(route, "State"))).isEqualTo("Started");
    }

    @Test
    void theConsolesOwnReadOnlyOperationsStayAllowed() throws Exception {
        // without its registry's tree the console shows no plugin at all
        JsonNode tree = JSON.readTree(post(exec("hawtio:type=security,name=RBACRegistry", "list()"), login()).body());
        assertThat(tree.path("status").asInt()).as(tree.path("error").asText()).isEqualTo(200);
        assertThat(tree.path("value").toString()).contains("org.apache.camel").contains("kisgateway");
        assertThat(status(exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", false, false))).isEqualTo(200);
        assertThat(value(exec(context, "dumpRoutesAsXml()"))).contains("redirectToHawtio");
    }

    @Test
    void producerTemplatesRouteChangesWritesAndTheJvmCommandLineAreRefused(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path written = dir.resolve("sent.txt");
        String fileUri = "file:" + dir + "?fileName=sent.txt";
        assertThat(status(exec(context, "sendBody(java.lang.String,java.lang.Object)", fileUri, "hello"))).isEqualTo(403);
        assertThat(status(exec(context, "requestBody(java.lang.String,java.lang.Object)", fileUri, "hello"))).isEqualTo(403);
        assertThat(status(exec(context, "sendStringBody(java.lang.String,java.lang.String)", fileUri, "hello"))).isEqualTo(403);
        assertThat(written).as("nothing was sent").doesNotExist();
        assertThat(status(exec(route, "remove()"))).isEqualTo(403);
        assertThat(status(exec(route, "updateRouteFromXml(java.lang.String)", "<route/>"))).isEqualTo(403);
        assertThat(status(exec("java.lang:type=Memory", "gc()"))).isEqualTo(403);
        assertThat(status(exec("com.sun.management:type=DiagnosticCommand", "vmCommandLine()"))).isEqualTo(403);

        ObjectNode write = JSON.createObjectNode().put("type", "write").put("mbean", route)
                .put("attribute", "Tracing").put("value", true);
        assertThat(status(write)).isEqualTo(403);
        assertThat(value(read(route, "Tracing"))).isEqualTo("false");

        assertThat(status(read("java.lang:type=Runtime", "InputArguments"))).isEqualTo(403);
        assertThat(status(read("java.lang:type=Runtime", "SystemProperties"))).isEqualTo(403);
        JsonNode whole = JSON.readTree(post(JSON.createObjectNode().put("type", "read")
                .put("mbean", "java.lang:type=Runtime"), login()).body());
        assertThat(whole.path("value").has("InputArguments")).as(whole.toString()).isFalse();
        assertThat(whole.toString()).doesNotContain("-Xmx").doesNotContain("java.home");
        assertThat(value(read("java.lang:type=Runtime", "VmName"))).as("the rest stays readable").isNotBlank();
    }

    @Test
    void aForeignOriginIsRefusedAndNotReflectedTheConsolesOwnIs() throws Exception {
        ObjectNode read = read(route, "State");
        HttpResponse<String> foreign = send(post(read), login(), "http://evil.example");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(JSON.readTree(foreign.body()).path("status").asInt()).isEqualTo(403);
        assertThat(foreign.body()).doesNotContain("Started");

        HttpResponse<String> neither = send(post(read), login(), null);
        assertThat(JSON.readTree(neither.body()).path("status").asInt()).as("no Origin, no Referer").isEqualTo(403);

        HttpResponse<String> own = send(post(read), login(), console);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).hasValue(console);
        assertThat(JSON.readTree(own.body()).path("value").asText()).isEqualTo("Started");

        HttpResponse<String> fromConsolePage = HTTP.send(post(read).header("Authorization", login())
                .header("Referer", console + "/hawtio/camel/routes").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(fromConsolePage.body()).path("value").asText()).isEqualTo("Started");
    }

    @Test
    void aRefusedOriginLeavesTheConnectionUsableForTheNextRequest() throws Exception {
        // Jolokia refuses the origin before reading the body; the next request on the same pooled connection used
        // to find it closed with no response (one pair in about 14 here), so a hundred pairs on one connection
        HttpClient oneConnection = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectNode read = read(route, "State");
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> foreign = oneConnection.send(post(read).header("Authorization", login())
                    .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(foreign.body()).path("status").asInt()).isEqualTo(403);
            HttpResponse<String> own = oneConnection.send(post(read).header("Authorization", login())
                    .header("Origin", console).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(own.body()).path("value").asText()).as("pair %d", i).isEqualTo("Started");
        }
    }

    @Test
    void theKillSwitchMovesForTheOperatorAndTheAuditNamesThem() throws Exception {
        String reason = "jolokia test " + System.nanoTime();
        JsonNode halted = JSON.readTree(post(exec("kisgateway:type=TradingStates", "halt", "STRATEGY", "demo", reason),
                login()).body());
        try {
            assertThat(halted.path("status").asInt()).as(halted.toString()).isEqualTo(200);
            assertThat(row("select state || '/' || changed_by from trading_states where scope = 'STRATEGY'"
                    + " and scope_key = 'demo'")).isEqualTo("HALTED/" + USER);
            assertThat(row("select actor from audit_log where detail::text like '%" + reason + "%'")).isEqualTo(USER);
        } finally {
            assertThat(status(exec("kisgateway:type=TradingStates", "activate", "STRATEGY", "demo", reason + " done")))
                    .isEqualTo(200);
        }
        assertThat(state("demo")).isEqualTo("ACTIVE");
    }

    @Test
    void aPromotionAskedInTheConsoleTakesEffectOnlyWhenASecondOperatorApprovesIt() throws Exception {
        JsonNode asked = JSON.readTree(value(exec("kisgateway:type=Rollout", "setPhase", "sim", "*", "LIVE", "ramp done")));
        assertThat(asked.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(asked.path("requestedBy").asText()).as("audited by the console's operator").isEqualTo(USER);
        assertThat(row("select phase from rollout_phases where account = 'sim' and strategy_id = ''")).isEqualTo("RAMP");

        ObjectNode approve = exec("kisgateway:type=Rollout", "approve", asked.path("id").asLong(), "ok");
        JsonNode ownApproval = JSON.readTree(post(approve, login()).body());
        assertThat(ownApproval.path("status").asInt()).as(ownApproval.toString()).isNotEqualTo(200);
        assertThat(ownApproval.path("error").asText()).contains("four eyes");
        assertThat(post(approve, basic(SECOND_USER, SECOND_PASSWORD + "x")).statusCode()).isEqualTo(401);
        assertThat(row("select phase from rollout_phases where account = 'sim' and strategy_id = ''")).isEqualTo("RAMP");

        JsonNode approved = JSON.readTree(post(approve, basic(SECOND_USER, SECOND_PASSWORD)).body());
        assertThat(approved.path("status").asInt()).as(approved.toString()).isEqualTo(200);
        assertThat(row("select phase from rollout_phases where account = 'sim' and strategy_id = ''")).isEqualTo("LIVE");
        assertThat(row("select actor || ' after ' || (detail->>'requestedBy') from audit_log"
                + " where action = 'ROLLOUT_PHASE_CHANGED' order by audit_id desc limit 1"))
                .isEqualTo(SECOND_USER + " after " + USER);
    }

    // --- Jolokia requests

    private static ObjectNode search(String pattern) {
        return JSON.createObjectNode().put("type", "search").put("mbean", pattern);
    }

    private static ObjectNode read(String mbean, String attribute) {
        return JSON.createObjectNode().put("type", "read").put("mbean", mbean).put("attribute", attribute);
    }

    private static ObjectNode exec(String mbean, String operation, Object... arguments) {
        ObjectNode n = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        ArrayNode args = n.putArray("arguments");
        for (Object a : arguments) {
            args.add(String.valueOf(a));
        }
        return n;
    }

    /** The JSON status Jolokia answers with (its HTTP status is 200 either way). */
    private static int status(ObjectNode request) throws Exception {
        HttpResponse<String> r = post(request, login());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("status").asInt();
    }

    private static String value(ObjectNode request) throws Exception {
        JsonNode answer = JSON.readTree(post(request, login()).body());
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
        return answer.path("value").asText();
    }

    private static String only(HttpResponse<String> searched) throws Exception {
        JsonNode names = JSON.readTree(searched.body()).path("value");
        assertThat(names.size()).as(searched.body()).isEqualTo(1);
        return names.get(0).asText();
    }

    private static HttpResponse<String> post(ObjectNode request, String authorization) throws Exception {
        return send(post(request), authorization, console);
    }

    private static HttpRequest.Builder post(ObjectNode request) {
        return HttpRequest.newBuilder(URI.create(jolokia)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization, String origin)
            throws Exception {
        request.timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login() {
        return basic(USER, PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String state(String strategy) throws Exception {
        return row("select state from trading_states where scope = 'STRATEGY' and scope_key = '" + strategy + "'");
    }

    private static String row(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
