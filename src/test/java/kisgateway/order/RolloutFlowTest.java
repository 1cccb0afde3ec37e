package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.management.ObjectName;
import kisgateway.app.console.OperatorLoginsFile;
import kisgateway.testing.ContractSchemas;
import kisgateway.testing.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Safe rollout end to end on one gateway (three simulator accounts, real routes, PostgreSQL, Artemis and the KIS
 * simulator over HTTP), with four eyes on and a second operator from the logins file: the operator API and JMX move
 * phases by the rules, refuse bad input with the reason and change nothing then, and /q/metrics shows the phases.
 * Account sim4 stays in SHADOW: its orders are screened and recorded, never sent, while sim's (LIVE) are. Account
 * sim5 is in PILOT: each cap, set for its test through the API, denies an order with its own name. Account sim6 is
 * in RAMP: its gates freeze the ramp on a missed drill and on an old break, and it thaws when they clear.
 */
class RolloutFlowTest {

    private static final String OPERATOR = basic("operator", "sim-operator-password");
    private static final String SECOND = basic("bob", "second-operator-pw");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() throws Exception {
        Path logins = Files.createTempFile("operators", ".txt");
        Files.writeString(logins, OperatorLoginsFile.line("bob", "second-operator-pw", 10_000) + "\n");
        gateway = GatewayUnderTest.start(Map.of(
                "sim.demo-accounts", "6",
                "gateway.operator.logins-file", logins.toString(),
                "rollout.four-eyes", "true",
                "rollout.account.sim3.phase", "SHADOW",
                "rollout.account.sim4.phase", "SHADOW",
                "rollout.account.sim5.phase", "PILOT",
                "rollout.account.sim6.phase", "RAMP",
                // the tests rest and cancel several orders on one symbol; the rate guard is not the subject
                "risk.compliance.order-rate.max-orders", "1000",
                "fills.silence-backfill-seconds", "600"));
        gateway.awaitReady();
        // resting orders stay where they were put
        gateway.simAdmin("POST", "/market/freeze", "{\"frozen\":true}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aPromotionWithoutTheSecondApprovalDoesNotTakeEffect() throws Exception {
        HttpResponse<String> asked = put("/accounts/sim3", "{\"phase\":\"PILOT\",\"reason\":\"shadow looked right\"}",
                OPERATOR);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonNode pending = GatewayUnderTest.json(asked.body());
        assertThat(pending.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(effective("sim3", null)).isEqualTo("SHADOW");
        JsonNode listed = phases();
        ContractSchemas.assertValid("rollout-phases.schema.json", listed.toString());
        assertThat(listed.path("pending").findValuesAsText("id")).contains(pending.path("id").asText());
        assertThat(metric("sim3", "*", "SHADOW")).isEqualTo("1.0");

        String approve = "/pending/" + pending.path("id").asLong() + "/approve";
        HttpResponse<String> own = post(approve, "", OPERATOR);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(GatewayUnderTest.json(own.body()).path("error").asText()).contains("four eyes");
        assertThat(effective("sim3", null)).isEqualTo("SHADOW");

        HttpResponse<String> approved = post(approve, "{\"reason\":\"seen the shadow log\"}", SECOND);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(effective("sim3", null)).isEqualTo("PILOT");
        assertThat(effective("sim3", GatewayUnderTest.DEMO_STRATEGY)).isEqualTo("PILOT");
        assertThat(metric("sim3", "*", "PILOT")).isEqualTo("1.0");
        assertThat(metric("sim3", "*", "SHADOW")).isEqualTo("0.0");
        assertThat(post(approve, "", SECOND).statusCode()).as("approved once").isEqualTo(404);

        // caution never waits
        HttpResponse<String> demoted = put("/accounts/sim3", "{\"phase\":\"SHADOW\",\"reason\":\"back\"}", OPERATOR);
        assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(200);
        assertThat(effective("sim3", null)).isEqualTo("SHADOW");
    }

    @Test
    void badInputIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        String before = phases().path("phases").toString();
        assertRefused(put("/accounts/sim3", "{\"phase\":\"PAPER\",\"reason\":\"x\"}", OPERATOR), 400, "PAPER");
        assertRefused(put("/accounts/sim3", "{\"phase\":\"RAMP\",\"reason\":\"x\"}", OPERATOR), 400, "one step");
        assertRefused(put("/accounts/sim3", "{\"phase\":\"LIVE\",\"reason\":\"x\"}", OPERATOR), 400, "one step");
        assertRefused(put("/accounts/nope", "{\"phase\":\"PILOT\",\"reason\":\"x\"}", OPERATOR), 400, "unknown account");
        assertRefused(put("/accounts/sim3/strategies/ghost", "{\"phase\":\"SHADOW\",\"reason\":\"x\"}", OPERATOR), 400,
                "unknown strategy");
        assertRefused(put("/accounts/sim3", "{\"phase\":\"PILOT\"}", OPERATOR), 400, "reason");
        assertRefused(put("/accounts/sim3", "not json", OPERATOR), 400, "JSON");
        assertRefused(post("/pending/abc/approve", "", SECOND), 400, "number");
        assertRefused(post("/pending/987654/approve", "", SECOND), 404, "no pending change");
        assertRefused(put("/accounts/sim3", "{\"phase\":\"PILOT\",\"reason\":\"x\"}", basic("bob", "wrong-password")),
                401, "");
        assertThat(phases().path("phases").toString()).isEqualTo(before);
        assertThat(phases().path("pending").size()).isZero();
    }

    @Test
    void jmxMovesPhasesByTheSameRules() throws Exception {
        ObjectName rollout = new ObjectName("kisgateway:type=Rollout");
        var server = ManagementFactory.getPlatformMBeanServer();
        String demoted = (String) server.invoke(rollout, "setPhase", new Object[] {"sim2", GatewayUnderTest.DEMO_STRATEGY,
                "PILOT", "strategy on probation"}, new String[] {"java.lang.String", "java.lang.String",
                "java.lang.String", "java.lang.String"});
        assertThat(GatewayUnderTest.json(demoted).path("status").asText()).isEqualTo("APPLIED");
        assertThat(effective("sim2", GatewayUnderTest.DEMO_STRATEGY)).isEqualTo("PILOT");
        assertThat(effective("sim2", null)).isEqualTo("LIVE");
        String promoted = (String) server.invoke(rollout, "setPhase", new Object[] {"sim2", GatewayUnderTest.DEMO_STRATEGY,
                "RAMP", "probation over"}, new String[] {"java.lang.String", "java.lang.String",
                "java.lang.String", "java.lang.String"});
        JsonNode waiting = GatewayUnderTest.json(promoted);
        assertThat(waiting.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(waiting.path("requestedBy").asText()).isEqualTo("jmx");
        HttpResponse<String> withdrawn = post("/pending/" + waiting.path("id").asLong() + "/withdraw", "", SECOND);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(effective("sim2", GatewayUnderTest.DEMO_STRATEGY)).isEqualTo("PILOT");
        assertThat(String.valueOf(server.getAttribute(rollout, "Phases"))).contains("\"strategy\":\"demo\"");
    }

    @Test
    void aShadowAccountSendsNothingAndItsEventsSaySoWhileALiveAccountSends() throws Exception {
        String shadowId = "shadow-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String liveId = "live-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long away = gateway.priceAway("005930", -20);
        try (jakarta.jms.Connection c = gateway.brokerConnectionAs("back-office")) {
            jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer events = session.createConsumer(session.createTopic("kis.order.events"),
                    "account IN ('sim', 'sim4')");
            c.start();

            JsonNode shadow = gateway.postAccepted(OrderFlowTest.intent("005930", shadowId, "BUY", 3, "00", away)
                    .replace("\"account\":\"sim\"", "\"account\":\"sim4\""));
            assertThat(shadow.path("state").asText()).as(shadow.toString()).isEqualTo("SHADOWED");
            JsonNode live = gateway.postAccepted(OrderFlowTest.intent("005930", liveId, "BUY", 3, "00", away));
            assertThat(live.path("state").asText()).as(live.toString()).isEqualTo("ACKED");

            // what would have left: the request itself, no header, the account number masked
            Map<String, Object> recorded = row("select method, path, tr_id, body::text from shadow_requests"
                    + " where order_id = '" + shadow.path("orderId").asText() + "'");
            assertThat(recorded.get("method")).isEqualTo("POST");
            assertThat((String) recorded.get("path")).endsWith("/trading/order-cash");
            String trId = (String) recorded.get("tr_id");
            JsonNode body = GatewayUnderTest.json((String) recorded.get("body"));
            assertThat(body.path("PDNO").asText()).isEqualTo("005930");
            assertThat(body.path("ORD_QTY").asText()).isEqualTo("3");
            assertThat(body.path("ORD_UNPR").asText()).isEqualTo(Long.toString(away));
            assertThat(body.path("CANO").asText()).isEqualTo("********");
            kisgateway.app.service.kisaccess.KisAccounts accounts = gateway.app().services().bean("kisAccounts");
            String shadowKey = accounts.require("sim4").appKey().reveal();
            String liveKey = accounts.require("sim").appKey().reveal();
            assertThat(recorded.toString()).doesNotContain(shadowKey).doesNotContain(accounts.require("sim4").cano().reveal());

            // the simulator saw the live account's order and none of the shadow account's
            assertThat(gateway.simulator().stats().admitted(liveKey, trId)).isPositive();
            assertThat(gateway.simulator().stats().admitted(shadowKey, trId)).isZero();

            java.util.List<jakarta.jms.TextMessage> shadowEvents = new java.util.ArrayList<>();
            java.util.List<jakarta.jms.TextMessage> liveEvents = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                jakarta.jms.Message m = events.receive(200);
                if (m instanceof jakarta.jms.TextMessage t) {
                    String order = t.getStringProperty("orderId");
                    if (order.equals(shadow.path("orderId").asText())) {
                        shadowEvents.add(t);
                    } else if (order.equals(live.path("orderId").asText())) {
                        liveEvents.add(t);
                    }
                }
                return shadowEvents.size() >= 2 && liveEvents.size() >= 3;
            });
            for (jakarta.jms.TextMessage t : shadowEvents) {
                assertThat(t.getStringProperty("shadow")).isEqualTo("true");
                assertThat(GatewayUnderTest.json(t.getText()).path("shadow").asBoolean()).isTrue();
                ContractSchemas.assertValid("order-event.schema.json", t.getText());
            }
            assertThat(shadowEvents.get(shadowEvents.size() - 1).getStringProperty("state")).isEqualTo("SHADOWED");
            for (jakarta.jms.TextMessage t : liveEvents) {
                assertThat(t.getStringProperty("shadow")).isEqualTo("false");
            }
            // a back office selecting real orders never sees the shadow ones
            assertThat(shadowEvents).noneMatch(t -> {
                try {
                    return "false".equals(t.getStringProperty("shadow"));
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        // reconciliation does not miss at KIS what was never sent there
        HttpResponse<String> reconciled = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.app().config().require("gateway.http.port") + "/api/admin/reconciliations"))
                .POST(HttpRequest.BodyPublishers.noBody()), OPERATOR);
        assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
        assertThat(row("select count(*) as n from recon_breaks where account = 'sim4' and resolved_at is null").get("n"))
                .isEqualTo(0L);
        assertThat(gateway.order(shadowId).state()).isEqualTo(OrderState.SHADOWED);
    }

    @Test
    void pilotSymbolAllowList() throws Exception {
        setCap("symbols", "000660");
        try {
            assertDenied(pilot("005930", 1, gateway.priceAway("005930", -20)), "PILOT_CAP_SYMBOLS");
        } finally {
            setCap("symbols", "");
        }
    }

    @Test
    void pilotOrderNotional() throws Exception {
        long limit = gateway.priceAway("005930", -20);
        setCap("max-order-notional", Long.toString(limit * 5));
        try {
            assertDenied(pilot("005930", 10, limit), "PILOT_CAP_ORDER_NOTIONAL");
        } finally {
            setCap("max-order-notional", "1000000000");
        }
    }

    @Test
    void pilotOpenOrdersAndTheCancelStillPasses() throws Exception {
        long limit = gateway.priceAway("005930", -20);
        setCap("max-open-orders", "1");
        try {
            String first = restingOn5(limit, 1);
            assertDenied(pilot("005930", 1, limit), "PILOT_CAP_OPEN_ORDERS");
            cancelOn5(first);
        } finally {
            setCap("max-open-orders", "100");
        }
    }

    @Test
    void pilotDailyGrossNotional() throws Exception {
        long limit = gateway.priceAway("005930", -20);
        setCap("max-daily-gross-notional", Long.toString(limit * 15));
        try {
            String first = restingOn5(limit, 10);
            assertDenied(pilot("005930", 10, limit), "PILOT_CAP_DAILY_GROSS_NOTIONAL");
            cancelOn5(first);
        } finally {
            setCap("max-daily-gross-notional", "1000000000000");
        }
    }

    @Test
    void pilotDailyLoss() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(gateway.app().infrastructure().clock().instant(),
                java.time.ZoneId.of("Asia/Seoul"));
        // a day's realised loss of 200,000 KRW in a symbol no longer held, as the fills would have left it
        execute("insert into positions (account, symbol, quantity, realized_pnl_today, trading_date)"
                + " values ('sim5', '035420', 0, -200000, '" + today + "')");
        setCap("max-daily-loss", "100000");
        try {
            assertDenied(pilot("005930", 1, gateway.priceAway("005930", -20)), "PILOT_CAP_DAILY_LOSS");
        } finally {
            execute("delete from positions where account = 'sim5' and symbol = '035420'");
            setCap("max-daily-loss", "100000000");
        }
    }

    @Test
    void aRampFreezesOnAMissedDrillAndAnOldBreakAndThawsWhenTheyClear() throws Exception {
        assertThat(ramp("sim6").path("frozen").asBoolean()).as("no drill recorded: missed").isTrue();
        assertThat(ramp("sim6").path("frozenReason").asText()).contains("kill-switch drill");
        assertThat(health("rollout-ramp")).isEqualTo("DOWN");
        assertThat(row("select count(*) as n from compliance_alerts where account = 'sim6'"
                + " and rule = 'RAMP_GATE_FAILED'").get("n")).isEqualTo(1L);

        java.time.Instant now = gateway.app().infrastructure().clock().instant();
        kisgateway.risk.rollout.KillSwitchDrills drills = gateway.app().services().bean("killSwitchDrills");
        drills.record("sim6", now, true, Map.of("canceled", 0));
        assertThat(ramp("sim6").path("frozen").asBoolean()).isFalse();
        assertThat(health("rollout-ramp")).isEqualTo("UP");

        execute("insert into recon_runs (account, trigger, outcome) values ('sim6', 'ON_DEMAND', 'SUCCEEDED')");
        execute("insert into recon_breaks (account, kind, subject, opened_run_id, opened_at) select 'sim6', 'CASH',"
                + " 'cash', max(run_id), timestamptz '" + now.minus(java.time.Duration.ofHours(5)) + "' from recon_runs"
                + " where account = 'sim6'");
        try {
            JsonNode frozen = ramp("sim6");
            assertThat(frozen.path("frozen").asBoolean()).isTrue();
            assertThat(frozen.path("frozenReason").asText()).contains("reconciliation break");
            assertThat(metricValue("kis_rollout_ramp_frozen{account=\"sim6\"} ")).isEqualTo("1.0");
        } finally {
            execute("update recon_breaks set resolved_at = now() where account = 'sim6'");
        }
        assertThat(ramp("sim6").path("frozen").asBoolean()).isFalse();
        assertThat(effective("sim6", null)).as("no demotion unless configured").isEqualTo("RAMP");
    }

    // --- helpers

    private static JsonNode ramp(String account) throws Exception {
        HttpResponse<String> r = post("/ramps/evaluations", "", OPERATOR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode n : GatewayUnderTest.json(r.body())) {
            if (n.path("account").asText().equals(account)) {
                return n;
            }
        }
        throw new AssertionError("no ramp of " + account + " in " + r.body());
    }

    private static String health(String check) throws Exception {
        JsonNode h = GatewayUnderTest.json(gateway.get("/q/health").body());
        for (JsonNode c : h.path("checks")) {
            if (c.path("name").asText().equals(check)) {
                return c.path("status").asText();
            }
        }
        throw new AssertionError("no health check " + check + " in " + h);
    }

    private static String metricValue(String prefix) throws Exception {
        return gateway.get("/q/metrics").body().lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim()).findFirst().orElseThrow(() -> new AssertionError(prefix));
    }

    private static String pilot(String symbol, long quantity, long limit) {
        return OrderFlowTest.intent(symbol, "pilot-" + java.util.UUID.randomUUID().toString().substring(0, 8), "BUY",
                quantity, "00", limit).replace("\"account\":\"sim\"", "\"account\":\"sim5\"");
    }

    private static void assertDenied(String intent, String cap) throws Exception {
        JsonNode order = gateway.postAccepted(intent);
        assertThat(order.path("state").asText()).as(order.toString()).isEqualTo("DENIED");
        assertThat(order.path("rejectCode").asText()).as(order.toString()).isEqualTo(cap);
    }

    private static String restingOn5(long limit, long quantity) throws Exception {
        String intent = pilot("005930", quantity, limit);
        JsonNode order = gateway.postAccepted(intent);
        assertThat(order.path("state").asText()).as(order.toString()).isEqualTo("ACKED");
        return order.path("clientOrderId").asText();
    }

    private static void cancelOn5(String target) throws Exception {
        JsonNode cancel = gateway.postAccepted("{\"intent\":\"CANCEL\",\"clientOrderId\":\"cxl-"
                + java.util.UUID.randomUUID().toString().substring(0, 8) + "\",\"targetClientOrderId\":\"" + target
                + "\",\"account\":\"sim5\",\"strategyId\":\"demo\"}");
        assertThat(cancel.toString()).doesNotContain("PILOT_CAP");
        gateway.awaitState(target, OrderState.CANCELED);
    }

    /** Sets a cap of sim5; a raise waits for four eyes, and the second operator approves it. */
    private static void setCap(String cap, String value) throws Exception {
        HttpResponse<String> r = put("/accounts/sim5/caps/" + cap, "{\"value\":\"" + value + "\",\"reason\":\"test\"}",
                OPERATOR);
        if (r.statusCode() == 202) {
            r = post("/pending/" + GatewayUnderTest.json(r.body()).path("id").asLong() + "/approve", "", SECOND);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void execute(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Map<String, Object> row(String sql) throws Exception {
        try (var c = gateway.app().infrastructure().dataSource().dataSource().getConnection();
             var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return out;
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String reason) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(GatewayUnderTest.json(r.body()).path("error").asText()).contains(reason);
    }

    static JsonNode phases() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("")).GET(), OPERATOR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GatewayUnderTest.json(r.body());
    }

    static String effective(String account, String strategy) throws Exception {
        for (JsonNode e : phases().path("effective")) {
            if (e.path("account").asText().equals(account) && (strategy == null ? !e.has("strategy")
                    : e.path("strategy").asText().equals(strategy))) {
                return e.path("phase").asText();
            }
        }
        throw new AssertionError("no effective phase of " + account + "/" + strategy);
    }

    private static String metric(String account, String strategy, String phase) throws Exception {
        String line = "kis_rollout_phase{account=\"" + account + "\",phase=\"" + phase + "\",strategy=\"" + strategy + "\"} ";
        return gateway.get("/q/metrics").body().lines().filter(l -> l.startsWith(line))
                .map(l -> l.substring(line.length()).trim()).findFirst().orElseThrow(() -> new AssertionError(line));
    }

    static HttpResponse<String> put(String path, String body, String auth) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), auth);
    }

    static HttpResponse<String> post(String path, String body, String auth) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), auth);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String auth) throws Exception {
        return HTTP.send(request.header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.app().config().require("gateway.http.port")
                + "/api/admin/rollout" + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
