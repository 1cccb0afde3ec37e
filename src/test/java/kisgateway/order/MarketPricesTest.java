package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kisgateway.kis.error.KisUnavailableBeforeSend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketPricesTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean block;
    private volatile boolean fail;
    private volatile BigDecimal answer = new BigDecimal("11250");
    private final List<String> offered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private MarketPrices prices;

    private MarketPrices prices() {
        prices = new MarketPrices(this::answer, Duration.ofSeconds(5), Duration.ofSeconds(3), clock);
        return prices;
    }

    /** Polled: 5 s, refreshed from 3 s; streamed: 60 s, refreshed from 45 s. */
    private MarketPrices streamedPrices() {
        prices = new MarketPrices(this::answer, new MarketPrices.Freshness(Duration.ofSeconds(5), Duration.ofSeconds(3)),
                new MarketPrices.Freshness(Duration.ofSeconds(60), Duration.ofSeconds(45)),
                (account, symbol) -> offered.add(symbol), clock);
        return prices;
    }

    private BigDecimal answer(String account, String symbol, Duration ttl) {
        calls.incrementAndGet();
        if (block) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail) {
            throw new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.CONNECTION_REFUSED, "inquire-price", null);
        }
        return answer;
    }

    @AfterEach
    void close() {
        release.countDown();
        if (prices != null) {
            prices.close();
        }
    }

    @Test
    void manyOrdersForAnUnpricedSymbolCauseOneLookUp() throws Exception {
        MarketPrices p = prices();
        block = true;
        List<Thread> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> p.ensureFresh("sim", "010140", Duration.ofSeconds(10)));
            t.start();
            orders.add(t);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1
                && orders.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        release.countDown();
        for (Thread t : orders) {
            t.join(5_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(p.last("010140")).contains(new BigDecimal("11250"));
    }

    @Test
    void aSymbolNeverSeenIsAskedOnceForTheBookAndAnOldPriceIsNotAskedAgain() {
        MarketPrices p = prices();
        assertThat(p.lastOrAsk("sim", "000660", Duration.ofSeconds(2))).contains(new BigDecimal("11250"));
        assertThat(calls.get()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        answer = new BigDecimal("99999");
        // the book's valuation takes the last price as it is (the order's own symbol is kept fresh elsewhere)
        assertThat(p.lastOrAsk("sim", "000660", Duration.ofSeconds(2))).contains(new BigDecimal("11250"));
        assertThat(calls.get()).isEqualTo(1);
        fail = true;
        assertThat(p.lastOrAsk("sim", "005380", Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aFreshPriceCostsNothingAndAnAgeingOneIsRefreshedWithoutMakingTheOrderWait() throws Exception {
        MarketPrices p = prices();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).as("younger than refresh-after").isEqualTo(1);

        block = true;
        answer = new BigDecimal("11300");
        clock.advance(Duration.ofMillis(1500));
        long started = System.nanoTime();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the order did not wait").isLessThan(Duration.ofMillis(500));
        assertThat(p.last("010140")).as("still the old, still fresh price").contains(new BigDecimal("11250"));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> p.last("010140").orElseThrow().equals(new BigDecimal("11300")));
        assertThat(calls.get()).as("one background refresh for both orders").isEqualTo(2);
    }

    @Test
    void aPriceOlderThanTheMaxAgeIsFetchedBeforeTheOrderGoesOn() {
        MarketPrices p = prices();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        answer = new BigDecimal("11400");
        clock.advance(Duration.ofSeconds(6));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).isEqualTo(2);
        assertThat(p.last("010140")).contains(new BigDecimal("11400"));
    }

    @Test
    void aFailedLookUpLeavesThePriceUnknownAndTheCallerGoesOn() {
        MarketPrices p = prices();
        fail = true;
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(p.last("010140")).isEmpty();
        fail = false;
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(p.last("010140")).contains(new BigDecimal("11250"));
    }

    @Test
    void anOrderWaitsForSomeoneElsesLookUpNoLongerThanItsTimeToLive() throws Exception {
        MarketPrices p = prices();
        block = true;
        Thread first = new Thread(() -> p.ensureFresh("sim", "010140", Duration.ofSeconds(10)));
        first.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
        long started = System.nanoTime();
        p.ensureFresh("sim", "010140", Duration.ofMillis(200));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(waitedMs).isBetween(150L, 2_000L);
        assertThat(p.last("010140")).isEmpty();
        release.countDown();
        first.join(5_000);
        assertThat(p.last("010140")).isPresent();
    }

    @Test
    void aFillIsAPriceButAnOlderOneNeverReplacesANewerOne() {
        MarketPrices p = prices();
        p.observe("010140", new BigDecimal("11200"));
        clock.advance(Duration.ofSeconds(-1));
        p.observe("010140", new BigDecimal("11100"));
        assertThat(p.last("010140")).contains(new BigDecimal("11200"));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).isZero();
    }

    @Test
    void everySymbolAnOrderAsksAboutIsOfferedToTheTradeStreamOnce() {
        MarketPrices p = streamedPrices();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        p.ensureFresh("sim", "005930", Duration.ofSeconds(1));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(offered).containsExactly("010140", "005930");
    }

    @Test
    void whileTheSymbolStreamsItsTradesAreThePriceAndItIsOnlyFetchedPastTheStreamedAge() {
        MarketPrices p = streamedPrices();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(300));
        p.streaming("010140");
        clock.advance(Duration.ofMillis(700));
        p.observe("010140", new BigDecimal("11300"));
        assertThat(p.isStreamed("010140")).isTrue();

        clock.advance(Duration.ofSeconds(40));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).as("a quiet streamed symbol keeps its last trade").isEqualTo(1);
        assertThat(p.last("010140")).contains(new BigDecimal("11300"));

        clock.advance(Duration.ofSeconds(6));
        answer = new BigDecimal("11350");
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> p.last("010140").orElseThrow().equals(new BigDecimal("11350")));
        assertThat(p.isStreamed("010140")).as("a look-up asked while streaming is streamed too").isTrue();
    }

    @Test
    void aLookUpAskedBeforeTheStreamBeganDoesNotPassForStreamed() {
        MarketPrices p = streamedPrices();
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        p.streaming("010140");
        assertThat(p.isStreamed("010140")).isFalse();
        clock.advance(Duration.ofMillis(4500));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).as("past the polled age").isEqualTo(2);
        assertThat(p.isStreamed("010140")).isTrue();
        clock.advance(Duration.ofSeconds(30));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void whenTheStreamIsLostThePolledAgesApplyAtOnce() {
        MarketPrices p = streamedPrices();
        p.streaming("010140");
        clock.advance(Duration.ofMillis(10));
        p.observe("010140", new BigDecimal("11300"));
        p.streamLost(List.of("010140"));
        assertThat(p.isStreamed("010140")).isFalse();
        clock.advance(Duration.ofSeconds(6));
        p.ensureFresh("sim", "010140", Duration.ofSeconds(1));
        assertThat(calls.get()).isEqualTo(1);
        assertThat(p.last("010140")).contains(new BigDecimal("11250"));
    }

    @Test
    void aTradeThatArrivesWhileALookUpIsOutIsNotReplacedByItsOlderReply() throws Exception {
        MarketPrices p = streamedPrices();
        block = true;
        Thread order = new Thread(() -> p.ensureFresh("sim", "010140", Duration.ofSeconds(10)));
        order.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
        clock.advance(Duration.ofMillis(5));
        p.observe("010140", new BigDecimal("11300"));
        release.countDown();
        order.join(5_000);
        assertThat(order.isAlive()).isFalse();
        assertThat(p.last("010140")).contains(new BigDecimal("11300"));
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T01:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Seoul");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
