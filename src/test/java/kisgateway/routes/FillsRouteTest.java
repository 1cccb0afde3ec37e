package kisgateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import kisgateway.testing.RouteFileTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/fills.camel.yaml: what the notice stream hands the ingest (notices, a garbled frame, session events)
 * and what the flow does with each. The stream itself (kis-realtime under master:) is replaced by
 * {@code direct:notices} carrying the headers the component sets; the books, the outbox and the stream's watch
 * are doubles.
 */
class FillsRouteTest extends RouteFileTestSupport {

    private final Queue<String> calls = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void forgetTheLastTestsCalls() throws Exception {
        calls.clear();
        MockEndpoint.resetMocks(context);
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"fills.camel.yaml"};
    }

    @Override
    protected void overrideProperties(Properties properties) {
        // the sweeps' timers are not what this class asserts: keep them out of the doubles' records
        properties.setProperty("fills.silence-check-ms", "3600000");
        properties.setProperty("fills.backfill.poll-ms", "3600000");
        properties.setProperty("fills.publish-sweep-ms", "3600000");
    }

    @Override
    protected void advise(CamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "ingestExecutionNotices", a -> a.replaceFromWith("direct:notices"));
        AdviceWith.adviceWith(context, "reactToStreamEvent", a -> a.mockEndpoints("seda:reconcileAfterReconnect*"));
    }

    @Override
    protected void bindDoubles(Registry registry) {
        registry.bind("executionNoticeApplier", new NoticeApplier());
        registry.bind("outboxRelay", new OutboxRelay());
        registry.bind("noticeStreamWatch", new StreamWatch());
        registry.bind("backfillQueue", new BackfillQueue());
        registry.bind("realtimeSessions", new Sessions());
        registry.bind("fillBackfill", new Backfill());
        registry.bind("fillBook", new FillBook());
        registry.bind("streamIncidents", new StreamIncidents());
    }

    @Test
    void newFillsAreAppliedThenPublishedStraightAfterTheirCommit() {
        template.sendBodyAndHeaders("direct:notices", "frame", Map.of("run", run, "kisNotices", List.of("n1", "n2")));

        assertThat(calls).containsExactly("applyAll:[n1, n2]", "publishAfterCommit:[fill:n1, fill:n2]");
    }

    @Test
    void noticesThatStoreNoFillPublishNothing() {
        template.sendBodyAndHeaders("direct:notices", "frame", Map.of("run", run, "kisNotices", List.of("dup:n1")));

        assertThat(calls).containsExactly("applyAll:[dup:n1]");
    }

    @Test
    void aGarbledFrameIsDeadLetteredRawWithItsReasonAndTheIngestGoesOn() throws Exception {
        template.sendBodyAndHeaders("direct:notices", "0|H0STCNI0|garbled",
                Map.of("run", run, "kisMalformedReason", "20 fields expected, 3 found"));
        template.sendBodyAndHeaders("direct:notices", "frame", Map.of("run", run, "kisNotices", List.of("n3")));

        Message dead = deadLetter("DLQ.kis.fills", 10_000);
        assertThat(((TextMessage) dead).getText()).isEqualTo("0|H0STCNI0|garbled");
        assertThat(dead.getStringProperty("x_error_reason"))
                .isEqualTo("malformed execution notice: 20 fields expected, 3 found");
        assertThat(dead.getStringProperty("x_error_route")).isEqualTo("ingestExecutionNotices");
        assertThat(calls).containsExactly("applyAll:[n3]", "publishAfterCommit:[fill:n3]");
    }

    @Test
    void aReconnectIsWatchedReconciledAndBackfilled() throws Exception {
        MockEndpoint reconcile = getMockEndpoint("mock:seda:reconcileAfterReconnect");
        reconcile.expectedMessageCount(1);

        event("CONNECTED", "connected");

        reconcile.assertIsSatisfied();
        assertThat(calls).containsExactly("connected:11111111-01", "request:11111111-01/CONNECTED");
    }

    @Test
    void aStaleStreamIsRecordedAndBackfilledWithoutAReconciliation() throws Exception {
        MockEndpoint reconcile = getMockEndpoint("mock:seda:reconcileAfterReconnect");
        reconcile.expectedMessageCount(0);

        event("STALE", "no frame for 150 s");
        event("NOTICES_DROPPED", "inbox full");
        event("DISCONNECTED", "closed by peer");

        assertThat(calls).containsExactly("noFrame:11111111-01/no frame for 150 s", "request:11111111-01/STALE",
                "request:11111111-01/NOTICES_DROPPED");
        reconcile.assertIsSatisfied();
    }

    private void event(String event, String detail) {
        template.sendBodyAndHeaders("direct:notices", detail,
                Map.of("run", run, "kisSessionEvent", event, "kisAccount", "11111111-01"));
    }

    /** Stores a fill for every notice but a "dup:" one; answers the messages its commit returned. */
    public final class NoticeApplier {
        public List<String> applyAll(List<String> notices) {
            calls.add("applyAll:" + notices);
            return notices.stream().filter(n -> !n.startsWith("dup:")).map(n -> "fill:" + n).toList();
        }

        public void catchUpAll() {
        }
    }

    public final class OutboxRelay {
        public void publishAfterCommit(List<String> messages) {
            calls.add("publishAfterCommit:" + messages);
        }

        public void publishFills() {
        }
    }

    public final class StreamWatch {
        public void connected(String account) {
            calls.add("connected:" + account);
        }

        public void noFrame(String account, String detail) {
            calls.add("noFrame:" + account + "/" + detail);
        }

        public void check() {
        }
    }

    public final class BackfillQueue {
        public void request(String account, String event) {
            calls.add("request:" + account + "/" + event);
        }
    }

    public static final class Sessions {
        public int restartBroken(long coolDownSeconds) {
            return 0;
        }
    }

    public static final class Backfill {
        public void runDue() {
        }
    }

    public static final class FillBook {
        public void attachAllParked() {
        }
    }


    /** The stream's incidents: recorded, not judged here (StreamIncidentsTest judges them). */
    public static final class StreamIncidents {
        public final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void event(String account, String type, String detail) {
            events.add(account + ":" + type);
        }

        public void sample() {
        }
    }
}
