package kisgateway.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The marks of published fills, off the ingest thread: coalesced, waited for by a flush, bounded. */
class PublishedFillMarksTest {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    private record Call(List<String> ids, List<Instant> at, String thread) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    private PublishedFillMarks marksHoldingTheFirstUpdate(int maxPending) {
        AtomicInteger n = new AtomicInteger();
        return new PublishedFillMarks((ids, at) -> {
            if (n.getAndIncrement() == 0) {
                firstEntered.countDown();
                awaitLatch(releaseFirst);
            }
            calls.add(new Call(List.copyOf(ids), List.copyOf(at), Thread.currentThread().getName()));
        }, Clock.fixed(T, ZoneOffset.UTC), maxPending);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void marksOnItsOwnThreadWithTheBrokersTimeAndCoalescesWhatArrivesMeanwhile() throws Exception {
        try (PublishedFillMarks marks = marksHoldingTheFirstUpdate(1000)) {
            marks.later(List.of("a", "b"));
            awaitLatch(firstEntered);
            marks.later(List.of("c"));
            marks.later(List.of("d", "e"));
            marks.later(List.of());
            releaseFirst.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
            assertThat(calls.get(0).ids()).containsExactly("a", "b");
            assertThat(calls.get(1).ids()).as("one update for the marks that waited").containsExactly("c", "d", "e");
            assertThat(calls.get(1).at()).containsOnly(T);
            assertThat(calls).allSatisfy(c -> assertThat(c.thread()).isEqualTo("kis-fill-outbox-marker"));
        }
        assertThat(calls).hasSize(2);
    }

    @Test
    void aFlushReturnsOnlyOnceTheUpdateInFlightAndThePendingOnesLanded() throws Exception {
        try (PublishedFillMarks marks = marksHoldingTheFirstUpdate(1000)) {
            marks.later(List.of("a"));
            awaitLatch(firstEntered);
            marks.later(List.of("b"));
            CompletableFuture<Void> flush = CompletableFuture.runAsync(marks::flush);
            assertThat(flush).as("waits for the update in flight").isNotCompleted();
            Thread.sleep(200); // a flush that did not wait would have returned by now: this checks it is still waiting
            assertThat(flush).isNotCompleted();
            releaseFirst.countDown();
            flush.get(10, TimeUnit.SECONDS);
            assertThat(calls).extracting(Call::ids).containsExactly(List.of("a"), List.of("b"));
        }
    }

    @Test
    void pastTheBoundTheCallerMarksItselfAndAFailedMarkDoesNotStopTheNext() {
        AtomicInteger failures = new AtomicInteger(1);
        try (PublishedFillMarks marks = new PublishedFillMarks((ids, at) -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            calls.add(new Call(List.copyOf(ids), List.copyOf(at), Thread.currentThread().getName()));
        }, Clock.fixed(T, ZoneOffset.UTC), 2)) {
            marks.later(List.of("x"));
            marks.flush();
            assertThat(calls).as("the failed mark is logged, not retried").isEmpty();
            String caller = Thread.currentThread().getName();
            marks.later(List.of("a", "b", "c"));
            assertThat(calls).extracting(Call::ids).contains(List.of("a", "b", "c"));
            assertThat(calls.get(0).thread()).isEqualTo(caller);
        }
    }
}
