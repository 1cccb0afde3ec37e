package kisgateway.app.adapter.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.FillNotice;
import org.junit.jupiter.api.Test;

/**
 * Issue 21.12: the notice inbox never holds more than its capacity and never makes the session wait; what did not
 * fit becomes one report per account and run of drops, which the route turns into a backfill.
 */
class NoticeInboxTest {

    private final Map<String, Long> dropped = new ConcurrentHashMap<>();
    private final NoticeInbox inbox = new NoticeInbox(3, (account, frames) -> dropped.merge(account, frames, Long::sum));

    private static List<ExecutionNotice> frame(int notices) {
        return java.util.stream.IntStream.range(0, notices)
                .mapToObj(i -> (ExecutionNotice) new FillNotice(null, 1, BigDecimal.ONE)).toList();
    }

    @Test
    void aFullInboxDropsAtOnceAndReportsTheDropsOnceBehindWhatItHolds() throws Exception {
        assertThat(inbox.offerNotices("a", frame(2), "f1")).isTrue();
        assertThat(inbox.offerNotices("a", frame(1), "f2")).isTrue();
        assertThat(inbox.offerNotices("a", frame(1), "f3")).as("full: dropped, not waited for").isFalse();
        assertThat(inbox.offerNotices("a", frame(1), "f4")).isFalse();
        inbox.droppedUpstream("a", 5);
        inbox.event("a", "STALE", "no frame for 150 s");
        assertThat(inbox.queuedNotices()).isEqualTo(3);
        assertThat(dropped).containsEntry("a", 2L);

        assertThat(List.of(inbox.take().raw(), inbox.take().raw(), inbox.take().raw())).containsExactly("f1", "f1", "f2");
        NoticeInbox.Item report = inbox.take();
        assertThat(report.event()).isEqualTo(NoticeInbox.NOTICES_DROPPED);
        assertThat(report.account()).isEqualTo("a");
        assertThat(report.detail()).startsWith("7 notice frames dropped");
        assertThat(inbox.take().event()).as("events queue even when the inbox is full").isEqualTo("STALE");
        assertThat(inbox.poll()).isNull();
        assertThat(inbox.queuedNotices()).isZero();

        // a later run of drops gets a report of its own
        inbox.offerNotices("b", frame(3), "g1");
        inbox.offerNotices("b", frame(1), "g2");
        for (int i = 0; i < 3; i++) {
            inbox.take();
        }
        assertThat(inbox.take().detail()).startsWith("1 notice frames dropped");
    }

    @Test
    void aFrameLargerThanTheCapacityIsTakenByAnEmptyInbox() throws Exception {
        assertThat(inbox.offerNotices("a", frame(5), "big")).isTrue();
        assertThat(inbox.offerNotices("a", frame(1), "next")).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThat(inbox.take().raw()).isEqualTo("big");
        }
        assertThat(inbox.offerNotices("a", frame(1), "next")).isTrue();
    }
}
