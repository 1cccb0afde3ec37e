package kisgateway.kis.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kisgateway.kis.AppKey;
import kisgateway.kis.FakeTicker;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import kisgateway.testing.RunsAlone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@RunsAlone
class AppKeyRateBudgetTest {

    private static final Duration SPACING = Duration.ofMillis(1010);

    private final FakeTicker ticker = new FakeTicker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private AppKeyRateBudget budget(RateBudgetSettings settings) {
        return new AppKeyRateBudget("rest", "test", settings, ticker, meters);
    }

    private CompletableFuture<BudgetPermit> acquireAsync(AppKeyRateBudget budget, CallPriority priority) {
        return CompletableFuture.supplyAsync(() -> budget.acquire(priority, "test"), threads);
    }

    private void awaitWaiting(AppKeyRateBudget budget, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == count);
    }

    @Test
    void freeSlotsAreGrantedAtOnceThenTheNextWaitsForTheWindow() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18));
        long t0 = ticker.nanoTime();
        for (int i = 0; i < 18; i++) {
            assertThat(budget.acquire(CallPriority.ORDER, "o").waitedNanos()).isZero();
        }
        CompletableFuture<BudgetPermit> nineteenth = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 1);
        ticker.advance(SPACING.minusNanos(1));
        budget.reevaluate();
        assertThat(budget.waiting()).isEqualTo(1);
        assertThat(nineteenth).isNotDone();
        ticker.advanceNanos(1);
        budget.reevaluate();
        BudgetPermit permit = nineteenth.get(5, TimeUnit.SECONDS);
        assertThat(permit.grantedAtNanos()).isEqualTo(t0 + SPACING.toNanos());
        assertThat(permit.waitedNanos()).isEqualTo(SPACING.toNanos());
        assertThat(meters.get("kis.budget.permits").tag("priority", "ORDER").counter().count()).isEqualTo(19);
        assertThat(meters.get("kis.budget.wait").tag("priority", "ORDER").timer().max(TimeUnit.NANOSECONDS))
                .isEqualTo(SPACING.toNanos());
    }

    @Test
    void aNewSenderWaitsOneWholeWindowBeforeItsFirstCall() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18));
        long t0 = ticker.nanoTime();
        budget.assumeWindowFull();
        CompletableFuture<BudgetPermit> first = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 1);
        ticker.advance(SPACING.minusNanos(1));
        budget.reevaluate();
        assertThat(first).isNotDone();
        ticker.advanceNanos(1);
        budget.reevaluate();
        assertThat(first.get(5, TimeUnit.SECONDS).grantedAtNanos()).isEqualTo(t0 + SPACING.toNanos());
        // the booked window is not counted as sends of this instance
        assertThat(meters.get("kis.budget.permits").tag("priority", "ORDER").counter().count()).isEqualTo(1);
    }

    @Test
    void aClosedBudgetRefusesWhatWaitsAndWhatComesUntilItOpensAgain() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18));
        for (int i = 0; i < 18; i++) {
            budget.acquire(CallPriority.ORDER, "o");
        }
        CompletableFuture<BudgetPermit> waiting = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 1);
        budget.close("another instance leads the cluster");
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KisUnavailableBeforeSend.class)
                .hasMessageContaining("another instance leads the cluster");
        assertThat(budget.waiting()).isZero();
        assertThatThrownBy(() -> budget.acquire(CallPriority.QUERY, "q")).isInstanceOf(KisUnavailableBeforeSend.class)
                .hasMessageContaining("NOT_THE_SENDER");
        budget.assumeWindowFull();
        budget.open();
        ticker.advance(SPACING);
        assertThat(budget.acquire(CallPriority.ORDER, "o").waitedNanos()).isZero();
    }

    @Test
    void anEgw00201CountsAsOneMoreSendSoTheNextSlotComesOneSlotLater() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18));
        long t0 = ticker.nanoTime();
        Duration slot = Duration.ofMillis(55);
        for (int i = 0; i < 18; i++) {
            budget.acquire(CallPriority.ORDER, "o");
            ticker.advance(slot);
        }
        // without the refusal the next order would go at t0 + spacing (the first send's window ends)
        budget.recordRateLimited();
        CompletableFuture<BudgetPermit> next = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 1);
        ticker.advance(Duration.ofNanos(t0 + SPACING.toNanos() - ticker.nanoTime()));
        budget.reevaluate();
        assertThat(next).isNotDone();
        ticker.advance(slot);
        budget.reevaluate();
        assertThat(next.get(5, TimeUnit.SECONDS).grantedAtNanos()).isEqualTo(t0 + slot.toNanos() + SPACING.toNanos());
        assertThat(meters.get("kis.budget.egw00201").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.budget.permits").tag("priority", "ORDER").counter().count()).isEqualTo(19);
    }

    @Test
    void lowerPrioritiesArePacedOneSlotApartFromTheLaterOfDueTimeAndGrant() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18).withTimeToLive(CallPriority.QUERY, Duration.ofHours(1)));
        long slot = SPACING.toNanos() / 18;
        long t0 = ticker.nanoTime();
        assertThat(budget.acquire(CallPriority.QUERY, "first").waitedNanos()).isZero();
        CompletableFuture<BudgetPermit> second = acquireAsync(budget, CallPriority.BACKFILL);
        awaitWaiting(budget, 1);
        ticker.advanceNanos(slot - 1);
        budget.reevaluate();
        assertThat(second).isNotDone();
        ticker.advanceNanos(1);
        budget.reevaluate();
        assertThat(second.get(5, TimeUnit.SECONDS).grantedAtNanos()).isEqualTo(t0 + slot);
        // a grant that comes late does not pull the next one closer: the next is due a whole slot after it
        ticker.advanceNanos(slot + slot / 4);
        assertThat(budget.acquire(CallPriority.QUERY, "late").waitedNanos()).isZero();
        long late = ticker.nanoTime();
        CompletableFuture<BudgetPermit> next = acquireAsync(budget, CallPriority.QUERY);
        awaitWaiting(budget, 1);
        ticker.advanceNanos(slot - 1);
        budget.reevaluate();
        assertThat(next).isNotDone();
        ticker.advanceNanos(1);
        budget.reevaluate();
        assertThat(next.get(5, TimeUnit.SECONDS).grantedAtNanos()).isEqualTo(late + slot);
        assertThat(budget.acquire(CallPriority.ORDER, "orders are not paced").waitedNanos()).isZero();
    }

    @Test
    void waitersAreServedOrderThenBackfillThenQueryFifoWithin() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(1).withTimeToLive(CallPriority.ORDER, Duration.ofMinutes(1)));
        budget.acquire(CallPriority.QUERY, "fill the window");
        List<String> grants = Collections.synchronizedList(new ArrayList<>());
        String[] names = {"q1", "q2", "b1", "o1", "o2"};
        CallPriority[] priorities = {CallPriority.QUERY, CallPriority.QUERY, CallPriority.BACKFILL, CallPriority.ORDER,
                CallPriority.ORDER};
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            CallPriority priority = priorities[i];
            threads.submit(() -> {
                budget.acquire(priority, name);
                grants.add(name);
            });
            awaitWaiting(budget, i + 1);
        }
        for (int i = 1; i <= names.length; i++) {
            ticker.advance(SPACING);
            budget.reevaluate();
            int expected = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> grants.size() == expected);
        }
        assertThat(grants).containsExactly("o1", "o2", "b1", "q1", "q2");
        // o2 waited two windows, one of them for o1: the delay judged against lower priorities is one window
        var delay = meters.get("kis.budget.order.delay").timer();
        assertThat(delay.count()).isEqualTo(2);
        assertThat(delay.max(TimeUnit.NANOSECONDS)).isEqualTo(SPACING.toNanos());
        assertThat(delay.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2 * SPACING.toNanos());
    }

    @Test
    void anOrderArrivingBehindAQueryFloodTakesTheVeryNextSlot() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18).withTimeToLive(CallPriority.QUERY, Duration.ofHours(1)));
        long t0 = ticker.nanoTime();
        for (int i = 0; i < 18; i++) {
            budget.acquire(CallPriority.ORDER, "a basket fills the window");
        }
        ConcurrentLinkedQueue<BudgetPermit> queryGrants = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 40; i++) {
            threads.submit(() -> queryGrants.add(budget.acquire(CallPriority.QUERY, "q")));
        }
        awaitWaiting(budget, 40);
        ticker.advance(Duration.ofMillis(500));
        long orderArrival = ticker.nanoTime();
        CompletableFuture<BudgetPermit> order = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 41);
        ticker.advance(SPACING.minusMillis(500));
        budget.reevaluate();
        BudgetPermit permit = order.get(5, TimeUnit.SECONDS);
        assertThat(permit.grantedAtNanos()).isEqualTo(t0 + SPACING.toNanos());
        assertThat(permit.waitedNanos()).isEqualTo(t0 + SPACING.toNanos() - orderArrival);
        assertThat(queryGrants).isEmpty();
    }

    /**
     * The acceptance property: a flood of queries keeps the budget saturated, and an order arriving at any moment
     * waits at most one slot (plus the 1 ms steps of this test), with no query granted
     * meanwhile; no one-second window ever holds more than 18 grants.
     */
    @Test
    void aQueryFloodDelaysAnArrivingOrderByAtMostOneSlot() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18).withTimeToLive(CallPriority.QUERY, Duration.ofHours(1)));
        long slot = SPACING.toNanos() / 18;
        long step = Duration.ofMillis(1).toNanos();
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
        long t0 = budget.acquire(CallPriority.QUERY, "q").grantedAtNanos();
        grants.add(t0);
        for (int i = 0; i < 80; i++) {
            threads.submit(() -> grants.add(budget.acquire(CallPriority.QUERY, "q").grantedAtNanos()));
        }
        awaitWaiting(budget, 80);
        for (int offset : new int[] {1537, 1561, 1599, 2013, 2950}) {
            while (ticker.nanoTime() - t0 < Duration.ofMillis(offset).toNanos()) {
                ticker.advanceNanos(step);
                budget.reevaluate();
            }
            long arrival = ticker.nanoTime();
            int queued = budget.waiting();
            double queriesBefore = meters.get("kis.budget.permits").tag("priority", "QUERY").counter().count();
            CompletableFuture<BudgetPermit> order = acquireAsync(budget, CallPriority.ORDER);
            await().atMost(Duration.ofSeconds(5)).until(() -> order.isDone() || budget.waiting() == queued + 1);
            while (!order.isDone() && budget.waiting() > queued) {
                ticker.advanceNanos(step);
                budget.reevaluate();
            }
            double queriesAfter = meters.get("kis.budget.permits").tag("priority", "QUERY").counter().count();
            BudgetPermit permit = order.get(5, TimeUnit.SECONDS);
            assertThat(permit.grantedAtNanos() - arrival).as("order wait at +%d ms", offset)
                    .isLessThanOrEqualTo(slot + step);
            assertThat(queriesAfter - queriesBefore).as("queries granted while the order waited").isZero();
            grants.add(permit.grantedAtNanos());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> grants.size()
                == (long) meters.get("kis.budget.permits").tag("priority", "QUERY").counter().count() + 5);
        List<Long> times = new ArrayList<>(grants);
        times.replaceAll(t -> t - t0);
        Collections.sort(times);
        assertThat(times.size()).isGreaterThan(50);
        for (int i = 0; i + 18 < times.size(); i++) {
            assertThat(times.get(i + 18) - times.get(i)).as("grant %d and %d", i, i + 18)
                    .isGreaterThanOrEqualTo(SPACING.toNanos());
        }
    }

    /**
     * With one send of every window reserved for orders, a saturating query flood never holds more than 17 of any
     * window, and orders arriving one by one during it are granted at once.
     */
    @Test
    void withAnOrderReserveAnOrderArrivingDuringAQueryFloodIsGrantedAtOnce() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18).withOrderReserve(1)
                .withTimeToLive(CallPriority.QUERY, Duration.ofHours(1)));
        long step = Duration.ofMillis(1).toNanos();
        ConcurrentLinkedQueue<Long> queryGrants = new ConcurrentLinkedQueue<>();
        long t0 = ticker.nanoTime();
        for (int i = 0; i < 80; i++) {
            threads.submit(() -> queryGrants.add(budget.acquire(CallPriority.QUERY, "q").grantedAtNanos()));
        }
        awaitWaiting(budget, 79);
        List<Long> orderGrants = new ArrayList<>();
        for (int offset : new int[] {1537, 2013, 2950, 3400}) {
            while (ticker.nanoTime() - t0 < Duration.ofMillis(offset).toNanos()) {
                ticker.advanceNanos(step);
                budget.reevaluate();
            }
            long arrival = ticker.nanoTime();
            // the ticker stands still: an order that had to wait would never be granted
            BudgetPermit permit = acquireAsync(budget, CallPriority.ORDER).get(5, TimeUnit.SECONDS);
            assertThat(permit.grantedAtNanos()).as("order at +%d ms", offset).isEqualTo(arrival);
            orderGrants.add(permit.grantedAtNanos());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> queryGrants.size()
                == (long) meters.get("kis.budget.permits").tag("priority", "QUERY").counter().count());
        List<Long> queries = new ArrayList<>(queryGrants);
        Collections.sort(queries);
        assertThat(queries.size()).isGreaterThan(50);
        for (int i = 0; i + 17 < queries.size(); i++) {
            assertThat(queries.get(i + 17) - queries.get(i)).as("query grants %d and %d", i, i + 17)
                    .isGreaterThanOrEqualTo(SPACING.toNanos());
        }
        List<Long> all = new ArrayList<>(queries);
        all.addAll(orderGrants);
        Collections.sort(all);
        for (int i = 0; i + 18 < all.size(); i++) {
            assertThat(all.get(i + 18) - all.get(i)).isGreaterThanOrEqualTo(SPACING.toNanos());
        }
    }

    @Test
    void aReserveNeverTakesTheWholeWindow() {
        assertThat(RateBudgetSettings.of(1).withOrderReserve(1).effectiveOrderReserve()).isZero();
        AppKeyRateBudget paper = budget(RateBudgetSettings.of(1).withOrderReserve(1));
        assertThat(paper.acquire(CallPriority.QUERY, "q").waitedNanos()).isZero();
    }

    @Test
    void aCallWhoseDeadlineHasPassedIsRefusedWithoutSending() {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(18));
        long past = ticker.nanoTime() - 1;
        assertThatThrownBy(() -> budget.acquire(CallPriority.ORDER, past, "TTTC0012U"))
                .isInstanceOf(KisBudgetExpired.class).hasMessageContaining("TTTC0012U").hasMessageContaining("ORDER");
        assertThat(meters.get("kis.budget.refusals").tag("priority", "ORDER").counter().count()).isEqualTo(1);
        assertThat(meters.get("kis.budget.permits").tag("priority", "ORDER").counter().count()).isZero();
    }

    @Test
    void anOrderThatCannotGetASlotWithinItsTtlIsRefusedAtOnce() {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(1).withTimeToLive(CallPriority.ORDER, Duration.ofMillis(500)));
        budget.acquire(CallPriority.QUERY, "q");
        assertThatThrownBy(() -> budget.acquire(CallPriority.ORDER, "TTTC0011U"))
                .isInstanceOfSatisfying(KisBudgetExpired.class, e -> assertThat(e.priority()).isEqualTo("ORDER"));
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void aWaitingCallIsRefusedWhenItsTtlPassesAndTheOthersKeepWaiting() throws Exception {
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(1)
                .withTimeToLive(CallPriority.QUERY, Duration.ofMillis(500)));
        budget.acquire(CallPriority.QUERY, "fill");
        CompletableFuture<BudgetPermit> order = acquireAsync(budget, CallPriority.ORDER);
        awaitWaiting(budget, 1);
        CompletableFuture<BudgetPermit> query = acquireAsync(budget, CallPriority.QUERY);
        awaitWaiting(budget, 2);
        ticker.advance(Duration.ofMillis(501));
        budget.reevaluate();
        assertThatThrownBy(() -> query.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KisBudgetExpired.class);
        assertThat(budget.waiting()).isEqualTo(1);
        ticker.advance(Duration.ofMillis(509));
        budget.reevaluate();
        assertThat(order.get(5, TimeUnit.SECONDS).priority()).isEqualTo(CallPriority.ORDER);
        assertThat(meters.get("kis.budget.refusals").tag("priority", "QUERY").counter().count()).isEqualTo(1);
    }

    /**
     * Threads of all priorities hammer one budget while time moves in random steps; every grant time is collected
     * and no one-second window may hold more than N of them, while the budget still hands out nearly all slots.
     */
    @Test
    void noWindowEverHoldsMoreThanNUnderConcurrentMixedLoad() throws Exception {
        int n = 18;
        AppKeyRateBudget budget = budget(RateBudgetSettings.of(n)
                .withTimeToLive(CallPriority.ORDER, Duration.ofHours(1))
                .withTimeToLive(CallPriority.BACKFILL, Duration.ofHours(1))
                .withTimeToLive(CallPriority.QUERY, Duration.ofHours(1)));
        int perThread = 40;
        int threadCount = 6;
        ConcurrentLinkedQueue<Long> grantTimes = new ConcurrentLinkedQueue<>();
        AtomicInteger alive = new AtomicInteger(threadCount);
        for (int t = 0; t < threadCount; t++) {
            CallPriority priority = CallPriority.values()[t % 3];
            threads.submit(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        grantTimes.add(budget.acquire(priority, "load").grantedAtNanos());
                    }
                } finally {
                    alive.decrementAndGet();
                }
            });
        }
        long start = ticker.nanoTime();
        long realDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (alive.get() > 0 && System.nanoTime() - realDeadline < 0) {
            if (budget.waiting() == alive.get()) {
                // steps of up to 2 ms, the wake-up jitter of a busy machine: each late paced grant slips the
                // schedule by its lateness (there is no catch-up), which the bound below allows for
                ticker.advanceNanos(ThreadLocalRandom.current().nextLong(1, 2_000_000));
                budget.reevaluate();
            } else {
                Thread.onSpinWait();
            }
        }
        List<Long> times = new ArrayList<>(grantTimes);
        assertThat(times).hasSize(perThread * threadCount);
        times.replaceAll(t -> t - start);
        Collections.sort(times);
        for (int i = 0; i + n < times.size(); i++) {
            assertThat(times.get(i + n) - times.get(i)).as("grant %d and %d", i, i + n)
                    .isGreaterThanOrEqualTo(SPACING.toNanos());
        }
        // 240 grants need 13 full windows after the first; each of a window's 18 grants may come up to one step
        // (< 2 ms) after its slot freed, so a window may take up to 36 ms longer.
        long windows = times.size() / n;
        assertThat(times.get(times.size() - 1)).isLessThan(windows * (SPACING.toNanos() + 36_000_000L));
    }

    @Test
    void aFreePermitCostsMicroseconds() {
        AppKeyRateBudget budget = new AppKeyRateBudget("rest", "perf", RateBudgetSettings.of(1_000_000),
                kisgateway.kis.NanoTicker.SYSTEM, meters);
        // ORDER: lower priorities are paced one slot (here 1 µs) apart, which this loop would outrun
        for (int i = 0; i < 50_000; i++) {
            budget.acquire(CallPriority.ORDER, "warm-up");
        }
        int rounds = 200_000;
        long begin = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            budget.acquire(CallPriority.ORDER, "perf");
        }
        long perCall = (System.nanoTime() - begin) / rounds;
        assertThat(perCall).as("ns per free permit").isLessThan(20_000);
    }

    @Test
    void oneBudgetPerAppKey() {
        RateBudgetRegistry registry = new RateBudgetRegistry("rest", RateBudgetSettings.of(18), ticker, meters);
        AppKeyRateBudget a = registry.forAppKey(new AppKey("key-a"));
        assertThat(registry.forAppKey(new AppKey("key-a"))).isSameAs(a);
        assertThat(registry.forAppKey(new AppKey("key-b"))).isNotSameAs(a);
        assertThat(a.toString()).doesNotContain("key-a");
    }
}
