package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kisgateway.risk.ConductHistory;
import kisgateway.risk.FakeRiskInputs;
import kisgateway.risk.MutableClock;
import kisgateway.risk.OrderKind;
import kisgateway.risk.PreTradeGate;
import kisgateway.risk.RiskDecision;
import kisgateway.risk.RiskOrder;
import kisgateway.risk.RiskSettings;
import kisgateway.risk.Seoul;
import kisgateway.risk.WorkingOrder;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;
import kisgateway.risk.killswitch.TradingStateStore;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The conduct windows rebuilt from the real books (PostgreSQL): what the history holds, on which clock, and a gate
 * that rebuilds from it before its first screening and after each leadership gain, replacing what it held.
 *
 * <p>The gateway's clock here is a session morning of 2026 while the database's {@code now()} is today's: the rows
 * must carry the gateway's time, as they do in sim mode, where the session clock runs hours behind the wall.
 */
class JdbcConductHistoryTest {

    private static final Instant T0 = Seoul.at("2026-03-03T10:00");
    private static final String STRATEGY = "s1";

    private final DataSource dataSource = SharedInfrastructure.get().dataSource().dataSource();
    private final MutableClock clock = new MutableClock(T0);
    private final JdbcOrderStore store = new JdbcOrderStore(dataSource, clock);
    private final JdbcConductHistory history = new JdbcConductHistory(dataSource);
    private final String account = "conduct-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theHistoryHoldsWhatWentOutAndTheQuotesCancelsAndRevisionsWithdrewOnTheGatewaysClock() {
        OrderRecord sent = sent("005930", "70000", 10);
        clock.advance(Duration.ofSeconds(1));
        denied("005930", "70000", 3);
        clock.advance(Duration.ofSeconds(1));
        created("005930", "70000", 4);
        clock.advance(Duration.ofSeconds(1));
        store.recordExternal(UUID.randomUUID(), "ext-" + UUID.randomUUID(), account, "005930", Side.BUY, "00", 5,
                new BigDecimal("70000"), "9" + System.nanoTime() % 1_000_000, "00950", clock.instant(),
                OrderState.ACKED, List.of(), Map.of());
        clock.advance(Duration.ofSeconds(1));
        request(sent, IntentKind.CANCEL, null);
        clock.advance(Duration.ofSeconds(1));
        request(sent, IntentKind.REPLACE, new BigDecimal("70100"));
        clock.advance(Duration.ofSeconds(1));
        String refused = request(sent, IntentKind.CANCEL, null);
        store.settleRequest(STRATEGY, refused, "REFUSED", null, "order has no KIS order number yet");

        List<ConductHistory.Accepted> all = mine(history.acceptedBetween(T0.minusSeconds(1), T0.plusSeconds(60)));
        assertThat(all).as("the sent order and the two requests that went out, oldest first; not the denied, "
                        + "the unscreened, the external or the refused")
                .extracting(a -> a.request().kind(), ConductHistory.Accepted::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OrderKind.NEW, T0),
                        org.assertj.core.groups.Tuple.tuple(OrderKind.CANCEL, T0.plusSeconds(4)),
                        org.assertj.core.groups.Tuple.tuple(OrderKind.REPLACE, T0.plusSeconds(5)));
        assertThat(all).allSatisfy(a -> {
            assertThat(a.request().account()).isEqualTo(account);
            assertThat(a.request().symbol()).isEqualTo("005930");
            assertThat(a.request().side()).isEqualTo(kisgateway.risk.Side.BUY);
        });
        assertThat(all.get(0).request().quantity()).isEqualTo(10);
        assertThat(all.subList(1, 3)).as("each with the quote it withdrew").allSatisfy(a -> {
            WorkingOrder withdrawn = a.request().original();
            assertThat(withdrawn.orderRef()).isEqualTo(sent.orderId().toString());
            assertThat(withdrawn.price()).isEqualByComparingTo("70000");
            assertThat(withdrawn.remainingQuantity()).isEqualTo(10);
        });
        assertThat(all.get(2).request().price()).as("the revision's new price").isEqualByComparingTo("70100");

        assertThat(mine(history.acceptedBetween(T0, T0.plusSeconds(4))))
                .as("after the start, up to and with the end: the window's own bounds")
                .extracting(ConductHistory.Accepted::at).containsExactly(T0.plusSeconds(4));
    }

    @Test
    void aGateStartedOnTheBooksCountsWhatWentOutBeforeIt() {
        // what an instance that stopped a moment ago let through, in three symbols of its own
        sent("000660", "200000", 1);
        denied("000660", "200000", 1);
        created("000660", "200000", 1);
        OrderRecord burst = sent("005380", "250000", 1);
        request(burst, IntentKind.CANCEL, null);
        request(burst, IntentKind.REPLACE, new BigDecimal("250500"));
        store.settleRequest(STRATEGY, request(burst, IntentKind.CANCEL, null), "REFUSED", null, "test");
        OrderRecord quoted = sent("035420", "200000", 7);
        request(quoted, IntentKind.CANCEL, null);
        clock.advance(Duration.ofSeconds(30));

        PreTradeGate gate = gate(history, new AtomicLong());
        assertThat(gate.evaluate(newOrder("000660", "200000", 1)).allowed())
                .as("one order of two in the window: the denied and the unscreened ones do not count").isTrue();
        gate.recordAccepted(newOrder("000660", "200000", 1));
        assertThat(gate.evaluate(newOrder("000660", "200000", 1)).ruleId()).isEqualTo("ORDER_RATE");

        WorkingOrder resting = new WorkingOrder(burst.orderId().toString(), "005380", kisgateway.risk.Side.BUY,
                new BigDecimal("250000"), 1);
        assertThat(gate.evaluate(cancel(resting)).allowed()).as("the third of three: the refused one does not count")
                .isTrue();
        gate.recordAccepted(cancel(resting));
        assertThat(gate.evaluate(cancel(resting)).ruleId()).isEqualTo("CANCEL_REPLACE_BURST");

        assertThat(gate.evaluate(newOrder("035420", "200000", 7)).ruleId()).as("the quote withdrawn before it")
                .isEqualTo("QUOTE_PATTERN");
        assertThat(gate.evaluate(newOrder("035420", "200500", 7)).allowed()).isTrue();
    }

    @Test
    void aRebuildComesOnlyWithANewEpochReplacesWhatTheWindowsHeldAndIsReadOnceByConcurrentScreenings()
            throws Exception {
        OrderRecord target = sent("005930", "70000", 1);
        AtomicInteger reads = new AtomicInteger();
        AtomicLong epoch = new AtomicLong();
        List<Thread> screening = new ArrayList<>();
        PreTradeGate gate = gate((from, until) -> {
            reads.incrementAndGet();
            // the screenings that found the epoch moved wait for this read instead of making their own
            Thread reading = Thread.currentThread();
            await().atMost(Duration.ofSeconds(5)).until(() -> screening.stream().filter(t -> t != reading)
                    .allMatch(t -> t.getState() == Thread.State.BLOCKED));
            return history.acceptedBetween(from, until);
        }, epoch);
        WorkingOrder resting = new WorkingOrder(target.orderId().toString(), "005930", kisgateway.risk.Side.BUY,
                new BigDecimal("70000"), 1);

        // two cancels screened and sent as the pipeline does: the gate counts them, and their rows are written
        for (int i = 0; i < 2; i++) {
            RiskOrder cancel = cancel(resting);
            assertThat(gate.evaluate(cancel).allowed()).isTrue();
            gate.recordAccepted(cancel);
            request(target, IntentKind.CANCEL, null);
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < 5; i++) {
            gate.evaluate(newOrder("005930", "69000", 1));
        }
        assertThat(reads).as("one read before the first screening, none while the epoch stays").hasValue(1);

        epoch.incrementAndGet();
        List<RiskDecision> decisions = screenAtOnce(gate, cancel(resting), 4, screening);
        assertThat(reads).as("a new epoch: one read, however many screenings found it moved").hasValue(2);
        assertThat(decisions).as("the windows hold the two cancels once (the books'), not once more from memory")
                .extracting(RiskDecision::allowed).containsOnly(true);
        gate.recordAccepted(cancel(resting));
        assertThat(gate.evaluate(cancel(resting)).ruleId()).isEqualTo("CANCEL_REPLACE_BURST");
    }

    @Test
    void aHistoryThatCannotBeReadDeniesTheOrderAndIsReadAgainAtTheNextScreening() {
        AtomicInteger reads = new AtomicInteger();
        PreTradeGate gate = gate((from, until) -> {
            if (reads.incrementAndGet() == 1) {
                throw new OrderStoreException("statement timeout (test)", null);
            }
            return history.acceptedBetween(from, until);
        }, new AtomicLong());
        RiskDecision first = gate.evaluate(newOrder("005930", "70000", 1));
        assertThat(first.ruleId()).isEqualTo("RISK_EVALUATION_FAILED");
        assertThat(gate.evaluate(newOrder("005930", "70000", 1)).allowed()).isTrue();
        assertThat(reads).hasValue(2);
    }

    private List<RiskDecision> screenAtOnce(PreTradeGate gate, RiskOrder order, int threads, List<Thread> started)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "screening-" + started.size());
            synchronized (started) {
                started.add(t);
            }
            return t;
        });
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RiskDecision>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return gate.evaluate(order);
                }));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == threads);
            go.countDown();
            List<RiskDecision> out = new ArrayList<>();
            for (Future<RiskDecision> f : futures) {
                out.add(f.get(10, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private PreTradeGate gate(ConductHistory.Source source, AtomicLong epoch) {
        RiskSettings settings = RiskSettings.fromProperties(Map.of(
                "risk.compliance.order-rate.max-orders", "2",
                "risk.compliance.cancel-replace-burst.max-requests", "3",
                "risk.compliance.quote-pattern.max-cycles", "1"));
        FakeRiskInputs inputs = new FakeRiskInputs().lastPrice("000660", "200000").lastPrice("005380", "250000")
                .lastPrice("035420", "200000").lastPrice("005930", "70000");
        KillSwitchBoard board = KillSwitchBoard.load(new NoSwitches(), clock);
        return PreTradeGate.create(settings, KrxSessionCalendar.fromSettings(settings.session()), board, inputs, clock,
                source, epoch::get);
    }

    private List<ConductHistory.Accepted> mine(ConductHistory h) {
        return h.requests().stream().filter(a -> a.request().account().equals(account)).toList();
    }

    private RiskOrder newOrder(String symbol, String price, long quantity) {
        return RiskOrder.newOrder(UUID.randomUUID().toString(), account, STRATEGY, symbol, kisgateway.risk.Side.BUY,
                quantity, new BigDecimal(price), "00", kisgateway.risk.Exchange.KRX, clock.instant());
    }

    private RiskOrder cancel(WorkingOrder resting) {
        return RiskOrder.cancel(resting.orderRef(), account, STRATEGY, resting, kisgateway.risk.Exchange.KRX,
                clock.instant());
    }

    private OrderRecord created(String symbol, String price, long quantity) {
        return store.create(new OrderIntent("c-" + UUID.randomUUID(), account, STRATEGY, symbol, Side.BUY, quantity,
                OrderType.LIMIT, new BigDecimal(price), Exchange.KRX, Duration.ofSeconds(2), clock.instant())).order();
    }

    private OrderRecord sent(String symbol, String price, long quantity) {
        OrderRecord order = created(symbol, price, quantity);
        store.transition(order.orderId(), OrderEventType.SUBMIT, OrderChange.because("test"));
        return store.transition(order.orderId(), OrderEventType.ACK, OrderChange.because("test")
                .brokerOrder("8" + System.nanoTime() % 10_000_000, "00950", clock.instant())).order();
    }

    private void denied(String symbol, String price, long quantity) {
        OrderRecord order = created(symbol, price, quantity);
        store.transition(order.orderId(), OrderEventType.DENY, OrderChange.because("test").rejection("ORDER_RATE", "test"));
    }

    /** @return the request's client id */
    private String request(OrderRecord target, IntentKind kind, BigDecimal price) {
        String id = "r-" + UUID.randomUUID();
        store.inTransaction(c -> store.recordRequest(c, id, target, kind, STRATEGY, null, price));
        return id;
    }

    private static final class NoSwitches implements TradingStateStore {
        @Override
        public List<TradingStateEntry> loadAll() {
            return List.of();
        }

        @Override
        public TradingState save(TradingStateEntry entry) {
            return TradingState.ACTIVE;
        }
    }
}
