package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import kisgateway.app.adapter.api.IntakeStamp;
import kisgateway.order.CancelIntent;
import kisgateway.order.IntentParser;
import kisgateway.order.OrderIntent;
import kisgateway.order.ReplaceIntent;
import kisgateway.order.StrategyPermissions;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/orders.camel.yaml on the real broker: an intent on kis.order.intents goes through parse, the strategy's
 * permission and its kind's branch; a NEW order is screened and sent unless the intake found it already or the
 * risk gate denied it; a failed send takes the breaker's fallback; bad input ends on DLQ.kis.order.intents with
 * its reason. The parser is the real one (plain Java); every bean with a database or KIS behind it is a double
 * that records what the flow asked of it.
 */
class OrdersRouteTest extends RouteFileTestSupport {

    /** What the flow asked of the doubles, in order: "bean.method:argument". */
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void forgetTheLastTestsCalls() {
        calls.clear();
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"orders.camel.yaml", "parent-orders.camel.yaml"};
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("intakeStamp", new IntakeStamp());
        registry.bind("intentParser", new IntentParser(Set.of("sim"), Duration.ofSeconds(2), Duration.ofSeconds(60),
                1_000_000, Clock.systemUTC()));
        registry.bind("intentSenderBinding", new SenderBinding());
        registry.bind("strategyPermissions", new Permissions());
        registry.bind("orderIntake", new Intake());
        registry.bind("preTradeCheck", new RiskGate());
        registry.bind("orderSender", new Sender());
        registry.bind("executionNoticeApplier", new NoticeApplier());
        registry.bind("orderAmender", new Amender());
        registry.bind("outboxRelay", new OutboxRelay());
        registry.bind("workingLevelFold", new LevelFold());
        registry.bind("shadowSender", new OrderApiRouteTest.LiveOnly());
        registry.bind("parentOrderDesk", new ParentDesk());
        registry.bind("parentOrchestrator", new Orchestrator());
        registry.bind("parentEventRelay", new ParentEvents());
    }

    @Test
    void anAllowedNewOrderIsScreenedAndSentThenItsEarlyFillsAreCaughtUp() throws Exception {
        send(newOrder("ok1"));

        awaitCalls("authorize:demo/sim", "accept:ok1", "screen:ok1",
                "submit:ok1", "catchUpAfterSend:ok1");
        assertThat(calls).noneMatch(c -> c.startsWith("afterFallback"));
        assertThat(deadLetter("DLQ.kis.order.intents", 200)).isNull();
    }

    @Test
    void aDeniedOrderIsNotSent() throws Exception {
        send(newOrder("deny1"));

        awaitCalls("accept:deny1", "screen:deny1");
        assertThat(calls).noneMatch(c -> c.startsWith("submit") || c.startsWith("catchUp"));
        assertThat(deadLetter("DLQ.kis.order.intents", 200)).as("a denial is an outcome, not a failure").isNull();
    }

    @Test
    void anOrderTheIntakeFoundAlreadyIsNeitherScreenedNorSentAgain() throws Exception {
        send(newOrder("dup1"));

        awaitCalls("accept:dup1");
        assertThat(calls).noneMatch(c -> c.startsWith("screen") || c.startsWith("submit"));
    }

    @Test
    void aFailedSendTakesTheBreakersFallbackWithTheFailure() throws Exception {
        send(newOrder("down1"));

        awaitCalls("submit:down1", "afterFallback:down1/");
        assertThat(calls).anyMatch(c -> c.startsWith("afterFallback:down1/") && c.endsWith("/KIS unreachable"));
        assertThat(calls).noneMatch(c -> c.startsWith("catchUp"));
        assertThat(deadLetter("DLQ.kis.order.intents", 200)).as("the fallback recorded the outcome").isNull();
    }

    /**
     * The contract OrderSender.afterFallback states: short-circuited means the breaker was open and nothing was
     * tried. Camel's Resilience4j processor sets CamelCircuitBreakerResponseShortCircuited to true whenever a
     * fallback runs ("fallback route is handling the exception so its short-circuited"), so a send that was tried
     * and failed reaches afterFallback as short-circuited and takes the open-breaker branch (an order still in
     * INTENT_CREATED is denied as CIRCUIT_OPEN instead of going back to its intake). The route now tells an open
     * breaker by its refusal of the call (CallNotPermittedException); this failed before that.
     */
    @Test
    void aTriedSendIsNotReportedShortCircuited() throws Exception {
        send(newOrder("down2"));

        awaitCalls("submit:down2", "afterFallback:down2/");
        assertThat(calls).contains("afterFallback:down2/false/KIS unreachable");
    }

    @Test
    void cancelAndReplaceGoToTheAmender() throws Exception {
        send("{\"intent\":\"CANCEL\",\"clientOrderId\":\"cx1\",\"targetClientOrderId\":\"ok1\",\"account\":\"sim\","
                + "\"strategyId\":\"demo\"}");
        send("{\"intent\":\"REPLACE\",\"clientOrderId\":\"rp1\",\"targetClientOrderId\":\"ok1\",\"account\":\"sim\","
                + "\"strategyId\":\"demo\",\"quantity\":2,\"orderType\":\"00\",\"price\":\"70000\"}");

        awaitCalls("cancel:cx1->ok1", "replace:rp1->ok1");
        assertThat(calls).noneMatch(c -> c.startsWith("accept") || c.startsWith("submit"));
    }

    @Test
    void aMalformedIntentIsDeadLetteredUnchangedWithItsReasonAndTheIntakeGoesOn() throws Exception {
        send("{\"clientOrderId\": oops");
        send(newOrder("ok2"));

        Message dead = deadLetter("DLQ.kis.order.intents", 10_000);
        assertThat(((TextMessage) dead).getText()).isEqualTo("{\"clientOrderId\": oops");
        assertThat(dead.getStringProperty("x_error_reason")).isNotBlank();
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("consumeOrderIntents");
        awaitCalls("submit:ok2");
        assertThat(calls).noneMatch(c -> c.contains("oops"));
    }

    @Test
    void aStrategyActingOutsideItsAccountsIsDeadLetteredWithTheRefusal() throws Exception {
        String intent = newOrder("rogue1").replace("\"strategyId\":\"demo\"", "\"strategyId\":\"rogue\"");
        send(intent);

        Message dead = deadLetter("DLQ.kis.order.intents", 10_000);
        assertThat(((TextMessage) dead).getText()).as("the original intent, not the parsed one").isEqualTo(intent);
        assertThat(dead.getStringProperty("x_error_reason")).contains("rogue").contains("may not trade");
        assertThat(dead.getStringProperty("x_error_type")).isEqualTo(StrategyPermissions.NotPermitted.class.getName());
        assertThat(calls).noneMatch(c -> c.startsWith("accept"));
    }

    @Test
    void aParentIntentIsTakenByTheParentDeskAndSendsNothingItself() throws Exception {
        send(parent("par1"));

        awaitCalls("authorize:demo/sim", "acceptParent:par1");
        assertThat(calls).noneMatch(c -> c.startsWith("accept:") || c.startsWith("submit"));
        assertThat(deadLetter("DLQ.kis.order.intents", 200)).isNull();
    }

    @Test
    void aRefusedParentIsDeadLetteredWithItsReasonAndNoChildIsSent() throws Exception {
        String intent = parent("badparent1");
        send(intent);

        Message dead = deadLetter("DLQ.kis.order.intents", 10_000);
        assertThat(((TextMessage) dead).getText()).isEqualTo(intent);
        assertThat(dead.getStringProperty("x_error_reason"))
                .isEqualTo("the risk check refuses a child of this parent order: SYMBOL_RESTRICTED");
        assertThat(calls).noneMatch(c -> c.startsWith("accept:") || c.startsWith("submit"));
    }

    @Test
    void aCancelNamingAParentGoesToTheParentDeskNotTheAmender() throws Exception {
        send("{\"intent\":\"CANCEL\",\"clientOrderId\":\"cx9\",\"targetClientOrderId\":\"parent-9\",\"account\":\"sim\","
                + "\"strategyId\":\"demo\"}");

        awaitCalls("cancelParent:cx9->parent-9");
        assertThat(calls).noneMatch(c -> c.startsWith("cancel:"));
    }

    @Test
    void aNewOrderUnderAParentsClientIdIsDeadLetteredAndNothingIsCreated() throws Exception {
        String intent = "{\"clientOrderId\":\"parent-7\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";
        send(intent);

        Message dead = deadLetter("DLQ.kis.order.intents", 10_000);
        assertThat(((TextMessage) dead).getText()).isEqualTo(intent);
        assertThat(dead.getStringProperty("x_error_reason")).contains("already names a parent order");
        assertThat(calls).noneMatch(c -> c.startsWith("accept") || c.startsWith("submit"));
    }

    @Test
    void aRoundsChildrenAndCancelsGoThroughTheWholeOrderFlow() {
        children.add(new OrderIntent("child-1", "sim", "demo", "005930", kisgateway.order.Side.BUY, 5,
                kisgateway.order.OrderType.MARKET, null, kisgateway.order.Exchange.KRX, Duration.ofSeconds(10),
                java.time.Instant.now()));
        children.add(new CancelIntent("child-0.cancel", "child-0", "sim", "demo", 0, Duration.ofSeconds(10),
                java.time.Instant.now()));

        awaitCalls("round", "authorize:demo/sim", "accept:child-1", "screen:child-1", "submit:child-1",
                "cancel:child-0.cancel->child-0");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.contains("publishParentEvents"));
    }

    private static String parent(String clientOrderId) {
        return "{\"intent\":\"PARENT\",\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\","
                + "\"strategyId\":\"demo\",\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":100,"
                + "\"orderType\":\"01\",\"algorithm\":{\"type\":\"TWAP\",\"durationSeconds\":60,\"slices\":2}}";
    }

    private void send(String intent) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("consumeOrderIntents").whenDone(1).create();
        template.sendBodyAndHeader("jms:queue:kis.order.intents", intent, "run", run);
        assertThat(done.matches(20, TimeUnit.SECONDS)).as("intent handled: " + intent).isTrue();
    }

    /**
     * Waits until the doubles were asked these, in this order (each a prefix of a record). The intake's done
     * event is not enough: the circuit breaker's copy of the exchange reports done before its fallback has run.
     */
    private void awaitCalls(String... expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int at = 0;
            for (String call : calls) {
                if (at < expected.length && call.startsWith(expected[at])) {
                    at++;
                }
            }
            assertThat(at).as("calls %s in order within %s", List.of(expected), calls).isEqualTo(expected.length);
        });
    }

    private static String newOrder(String clientOrderId) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"account\":\"sim\",\"strategyId\":\"demo\","
                + "\"symbol\":\"005930\",\"side\":\"BUY\",\"quantity\":1,\"orderType\":\"01\"}";
    }

    /** What the intake found or created, as far as the route reads it. */
    public record Decision(TestOrder order, boolean proceed, boolean conflicting, Object book) {
    }

    public record TestOrder(String clientOrderId) {
        /** Every order of these tests was taken live (the SHADOW point of sending has its own tests). */
        public boolean shadow() {
            return false;
        }
    }

    public record Screening(boolean allowed, TestOrder order) {
    }

    public final class SenderBinding {
        public Object bind(String user, Object intent) {
            return intent;
        }
    }

    public final class Permissions {
        public void authorize(String strategyId, String account) {
            calls.add("authorize:" + strategyId + "/" + account);
            if (!strategyId.equals("demo")) {
                throw new StrategyPermissions.NotPermitted("strategy '" + strategyId + "' may not trade account '" + account + "'");
            }
        }
    }

    /** Finds a "dup" order already there; creates every other. */
    public final class Intake {
        public Decision accept(OrderIntent intent) {
            calls.add("accept:" + intent.clientOrderId());
            return new Decision(new TestOrder(intent.clientOrderId()), !intent.clientOrderId().startsWith("dup"), false,
                    "book");
        }
    }

    /** Denies a "deny" order; allows every other. */
    public final class RiskGate {
        public Screening screen(TestOrder order, Object book) {
            calls.add("screen:" + order.clientOrderId());
            return new Screening(!order.clientOrderId().startsWith("deny"), order);
        }
    }

    /** KIS is unreachable for a "down" order. */
    public final class Sender {
        public TestOrder submit(TestOrder order, Long intakeNanos) {
            calls.add("submit:" + order.clientOrderId());
            if (order.clientOrderId().startsWith("down")) {
                throw new IllegalStateException("KIS unreachable");
            }
            return order;
        }

        public TestOrder afterFallback(TestOrder order, Boolean shortCircuited, Exception failure) {
            calls.add("afterFallback:" + order.clientOrderId() + "/" + shortCircuited + "/"
                    + (failure == null ? null : failure.getMessage()));
            return order;
        }
    }

    public final class NoticeApplier {
        public void catchUpAfterSend(TestOrder order) {
            calls.add("catchUpAfterSend:" + order.clientOrderId());
        }
    }

    public final class Amender {
        public void cancel(CancelIntent intent) {
            calls.add("cancel:" + intent.clientOrderId() + "->" + intent.targetClientOrderId());
        }

        public void replace(ReplaceIntent intent) {
            calls.add("replace:" + intent.clientOrderId() + "->" + intent.targetClientOrderId());
        }
    }

    private final Queue<Object> children = new ConcurrentLinkedQueue<>();

    /** Refuses a "badparent" as the risk check would; a cancel of a "parent-" id names a parent. */
    public final class ParentDesk {
        public Object accept(kisgateway.order.ParentIntent intent) {
            calls.add("acceptParent:" + intent.clientOrderId());
            if (intent.clientOrderId().startsWith("badparent")) {
                throw new kisgateway.order.InvalidIntentException(
                        "the risk check refuses a child of this parent order: SYMBOL_RESTRICTED");
            }
            return new ParentTaken(new TestOrder(intent.clientOrderId()), false);
        }

        public boolean namesParent(Object intent) {
            return intent instanceof CancelIntent c && c.targetClientOrderId().startsWith("parent-");
        }

        public void requireNoParent(Object intent) {
            if (intent instanceof OrderIntent o && o.clientOrderId().startsWith("parent-")) {
                throw new kisgateway.order.InvalidIntentException("clientOrderId " + o.clientOrderId()
                        + " already names a parent order of strategy demo; an order needs a client id of its own");
            }
        }

        public Object cancel(CancelIntent intent) {
            calls.add("cancelParent:" + intent.clientOrderId() + "->" + intent.targetClientOrderId());
            return new TestOrder(intent.targetClientOrderId());
        }
    }

    public record ParentTaken(TestOrder parent, boolean conflicting) {
    }

    /** Hands out what a test queued, once. */
    public final class Orchestrator {
        public List<Object> round() {
            List<Object> out = new java.util.ArrayList<>();
            for (Object o; (o = children.poll()) != null; ) {
                out.add(o);
            }
            if (!out.isEmpty()) {
                calls.add("round");
            }
            return out;
        }
    }

    public final class ParentEvents {
        public int publish() {
            calls.add("publishParentEvents");
            return 0;
        }
    }

    public static final class OutboxRelay {
        public void publishOrderEvents() {
        }
    }

    public static final class LevelFold {
        public void fold() {
        }
    }

}
