package kisgateway.kis.budget;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import kisgateway.kis.NanoTicker;
import kisgateway.kis.error.KisBudgetExpired;
import kisgateway.kis.error.KisUnavailableBeforeSend;

/**
 * The one send budget of one app key (KIS counts per app key): at most N sends in any one-second window, with
 * waiting calls served by priority (ORDER, then BACKFILL, then QUERY; FIFO within one) and refused once their
 * time-to-live has passed. Share one instance per app key through {@link RateBudgetRegistry}.
 *
 * <p>Because a waiting ORDER is always the first to get the next free slot, queries can delay an order by at most
 * the slot that was already taken when it arrived. That alone bounds the order's place in line, not its wait: a
 * flood of queries granted in a burst fills the window at once and leaves it full for a second, so an order
 * arriving then would wait up to a second (and bursts of concurrent requests jitter their arrival at KIS). So
 * BACKFILL and QUERY grants are also paced one slot apart (window / N: 56 ms live), every grant pushing the next
 * paced one back by a slot, counted from the later of the due time and the grant: a saturating flood then leaves
 * the window evenly spread, and an order finds a free slot within one slot time, beyond the slots other orders
 * took. (A catch-up allowance, letting a grant that woke up late pull the next one closer, used to let two paced
 * grants come 3/4 of a slot apart and so, a second later, an order wait 1.25 slots; without it
 * ReconciliationBench's orders wait at most one slot and the budget is used as fully: bench/README.md.) Orders
 * themselves are not paced: a basket goes out as fast as the window allows. With an order reserve
 * ({@link RateBudgetSettings#orderReserve()}), BACKFILL and QUERY may fill only N - reserve sends of any window,
 * so an order arriving behind a saturating flood of queries finds a send free at once unless another order just
 * took it. A free permit costs one uncontended lock and no allocation.
 *
 * <p>Every decision is taken under one lock at a ticker reading, by whichever caller holds it ({@link #dispatch}),
 * so the window rule holds whatever the threads do; the waits only decide when someone looks again.
 */
public final class AppKeyRateBudget {

    private enum State { PENDING, GRANTED, REFUSED, CLOSED }

    private static final class Waiter {
        final CallPriority priority;
        final long enqueuedAt;
        final long deadline;
        final Condition wakeUp;
        final long orderGrantsBefore;
        State state = State.PENDING;
        long grantedAt;
        long place;

        Waiter(CallPriority priority, long enqueuedAt, long deadline, Condition wakeUp, long orderGrantsBefore) {
            this.priority = priority;
            this.enqueuedAt = enqueuedAt;
            this.deadline = deadline;
            this.wakeUp = wakeUp;
            this.orderGrantsBefore = orderGrantsBefore;
        }
    }

    private static final long MIN_PAUSE_NANOS = 100_000;

    private final String label;
    private final RateBudgetSettings settings;
    private final NanoTicker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final SlidingWindowLedger ledger;
    private final long paceNanos;
    private final int orderReserve;
    /** When the next BACKFILL/QUERY grant is due (valid once {@link #paced}). */
    private long nextPacedAt;
    private boolean paced;
    private final Map<CallPriority, ArrayDeque<Waiter>> queues = new EnumMap<>(CallPriority.class);
    private int waiting;

    private final Map<CallPriority, Timer> waitTimers = new EnumMap<>(CallPriority.class);
    private final Map<CallPriority, Counter> refusals = new EnumMap<>(CallPriority.class);
    private final Map<CallPriority, Counter> permits = new EnumMap<>(CallPriority.class);
    private final Counter rateLimitedSeen;
    private final Timer orderDelay;
    /** ORDER grants so far: an order's wait is judged beyond the slots other orders took while it waited. */
    private long orderGrants;
    /** Why no call may be granted now (another instance sends for the key); null while this one may send. */
    private String closedBecause;

    /**
     * @param budget what the budget pays for ("rest", "token", "approval"), a metric tag
     * @param label  non-secret app key label ({@link kisgateway.kis.AppKey#label()}), a metric tag
     */
    public AppKeyRateBudget(String budget, String label, RateBudgetSettings settings, NanoTicker ticker,
                            MeterRegistry meters) {
        this.label = Objects.requireNonNull(label, "label");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.ledger = new SlidingWindowLedger(settings.permitsPerSecond(), settings.spacingNanos());
        this.paceNanos = settings.spacingNanos() / settings.permitsPerSecond();
        this.orderReserve = settings.effectiveOrderReserve();
        for (CallPriority priority : CallPriority.values()) {
            queues.put(priority, new ArrayDeque<>());
            String p = priority.name();
            // buckets in slot times, the unit the waits are judged in (an order should wait at most one slot)
            waitTimers.put(priority, Timer.builder("kis.budget.wait").description("time a KIS call waited for a send slot")
                    .tags("budget", budget, "app_key", label, "priority", p)
                    .serviceLevelObjectives(slots(0.25), slots(0.5), slots(1), slots(1.25), slots(1.5), slots(2),
                            slots(5), slots(10))
                    .register(meters));
            refusals.put(priority, Counter.builder("kis.budget.refusals")
                    .description("calls refused because their time-to-live passed before a slot")
                    .tags("budget", budget, "app_key", label, "priority", p).register(meters));
            permits.put(priority, Counter.builder("kis.budget.permits").description("send slots granted")
                    .tags("budget", budget, "app_key", label, "priority", p).register(meters));
        }
        orderDelay = Timer.builder("kis.budget.order.delay")
                .description("an order's wait for a send slot beyond the slots other orders took while it waited: "
                        + "what lower priorities and the window cost it (target: at most one slot)")
                .tags("budget", budget, "app_key", label)
                .serviceLevelObjectives(slots(0.25), slots(0.5), slots(1), slots(1.25), slots(1.5), slots(2))
                .register(meters);
        rateLimitedSeen = Counter.builder("kis.budget.egw00201").description("EGW00201 answers seen (target: zero)")
                .tags("budget", budget, "app_key", label).register(meters);
        Gauge.builder("kis.budget.waiting", this, AppKeyRateBudget::waiting)
                .description("calls waiting for a send slot").tags("budget", budget, "app_key", label).register(meters);
        // the denominator of the budget's use on the dashboard: rate(kis_budget_permits_total) over this
        Gauge.builder("kis.budget.permits.per.second", settings, RateBudgetSettings::permitsPerSecond)
                .description("send slots the budget grants in any one-second window")
                .tags("budget", budget, "app_key", label).register(meters);
    }

    public RateBudgetSettings settings() {
        return settings;
    }

    /** The ticker reading by which a call of this priority made now must have its slot. */
    public long deadlineFor(CallPriority priority) {
        return ticker.nanoTime() + settings.timeToLive(priority).toNanos();
    }

    /** Waits for a slot within the priority's configured time-to-live. */
    public BudgetPermit acquire(CallPriority priority, String what) {
        return acquire(priority, deadlineFor(priority), what);
    }

    /**
     * Waits for a send slot.
     *
     * @param deadlineNanos ticker reading after which the call must not be sent
     * @param what          the call, for the refusal message (a TR ID, never a secret)
     * @throws KisBudgetExpired         when no slot is free before the deadline (nothing was sent)
     * @throws KisUnavailableBeforeSend when interrupted while waiting (nothing was sent)
     */
    public BudgetPermit acquire(CallPriority priority, long deadlineNanos, String what) {
        Objects.requireNonNull(priority, "priority");
        lock.lock();
        try {
            if (closedBecause != null) {
                throw notTheSender(what);
            }
            long now = ticker.nanoTime();
            if (waiting == 0 && now - deadlineNanos <= 0 && isFree(priority, now)) {
                long place = record(now);
                countGrant(priority, 0, orderGrants);
                return new BudgetPermit(priority, now, 0, place);
            }
            Waiter me = new Waiter(priority, now, deadlineNanos, lock.newCondition(), orderGrants);
            queues.get(priority).addLast(me);
            waiting++;
            dispatch(now);
            while (me.state == State.PENDING) {
                long wakeAt = head() == me ? earliest(me.deadline, earliestFree(priority, now)) : me.deadline;
                // At least a short pause: at exactly the deadline the call is still allowed, so do not spin.
                long pause = Math.max(wakeAt - now, MIN_PAUSE_NANOS);
                try {
                    me.wakeUp.awaitNanos(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (me.state == State.PENDING) {
                        queues.get(priority).remove(me);
                        waiting--;
                        signalHead();
                        throw new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.INTERRUPTED_BEFORE_SEND,
                                what, e);
                    }
                    break;
                }
                now = ticker.nanoTime();
                dispatch(now);
            }
            if (me.state == State.CLOSED) {
                throw notTheSender(what);
            }
            if (me.state == State.REFUSED) {
                throw new KisBudgetExpired(what, priority.name(), Duration.ofNanos(Math.max(0, now - me.enqueuedAt)));
            }
            return new BudgetPermit(priority, me.grantedAt, me.grantedAt - me.enqueuedAt, me.place);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts an EGW00201 answer: KIS saw more than this budget allowed (sends granted apart that reached it
     * bunched, another client on the key), and books the refusal as one more send at this moment. KIS's window
     * held one too many, so the slot after the next ones comes a slot later than the ledger alone would give it:
     * a resend does not go out into the same full window at once (three refusals of one order within 60 ms were
     * seen before this). Booking a send can only move later grants later, never earlier.
     */
    public void recordRateLimited() {
        rateLimitedSeen.increment();
        lock.lock();
        try {
            record(ticker.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The call of {@code permit} has its answer (or failed) now: KIS counted it at the latest now, so its send counts
     * from now in the window, not from its grant. Call it for every permit, whatever the outcome.
     */
    public void answered(BudgetPermit permit) {
        lock.lock();
        try {
            ledger.arrivedBy(permit.place(), ticker.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops granting: every waiting call is refused at once and every new one too, nothing sent, until
     * {@link #open()}. For an instance that no longer sends for the key: a call it granted after another instance
     * took over would reach KIS on top of that instance's full window.
     */
    public void close(String because) {
        lock.lock();
        try {
            closedBecause = java.util.Objects.requireNonNull(because, "because");
            for (ArrayDeque<Waiter> queue : queues.values()) {
                for (Waiter w; (w = queue.pollFirst()) != null; ) {
                    waiting--;
                    w.state = State.CLOSED;
                    refusals.get(w.priority).increment();
                    w.wakeUp.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Grants again (see {@link #close}); whoever opens it books a full window first ({@link #assumeWindowFull}). */
    public void open() {
        lock.lock();
        try {
            closedBecause = null;
        } finally {
            lock.unlock();
        }
    }

    private KisUnavailableBeforeSend notTheSender(String what) {
        return new KisUnavailableBeforeSend(KisUnavailableBeforeSend.Reason.NOT_THE_SENDER,
                what + " (" + closedBecause + ")", null);
    }

    /**
     * Books a whole window of sends at this moment: no call is granted before a window has passed. For an instance
     * that has just become the app key's sender: the one before it may have sent up to N calls in the last second
     * (it stopped gracefully, or lost its leadership while its calls were in flight), and nothing here knows of them.
     */
    public void assumeWindowFull() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            for (int i = 0; i < settings.permitsPerSecond(); i++) {
                ledger.record(now);
            }
            signalHead();
        } finally {
            lock.unlock();
        }
    }

    private java.time.Duration slots(double n) {
        return java.time.Duration.ofNanos((long) (paceNanos * n));
    }

    /** Calls waiting for a slot now. */
    public int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Looks again at the ticker now: grants due slots and refuses expired calls (waits do this themselves). */
    void reevaluate() {
        lock.lock();
        try {
            dispatch(ticker.nanoTime());
            signalHead();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: grants every slot free at {@code now} by priority, refuses what can no longer be sent in time. */
    private void dispatch(long now) {
        Waiter head;
        while ((head = head()) != null) {
            if (now - head.deadline > 0) {
                finish(head, State.REFUSED, now);
            } else if (isFree(head.priority, now)) {
                head.place = record(now);
                finish(head, State.GRANTED, now);
            } else if (earliestFree(head.priority, now) - head.deadline > 0) {
                // Nothing is ahead of the head and later arrivals only push it back: it cannot make its deadline.
                finish(head, State.REFUSED, now);
            } else {
                break;
            }
        }
        if (waiting > 0) {
            for (ArrayDeque<Waiter> queue : queues.values()) {
                for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    if (now - w.deadline > 0) {
                        it.remove();
                        waiting--;
                        w.state = State.REFUSED;
                        refusals.get(w.priority).increment();
                        w.wakeUp.signal();
                    }
                }
            }
        }
        signalHead();
    }

    private boolean isFree(CallPriority priority, long now) {
        if (priority == CallPriority.ORDER) {
            return ledger.isFree(now);
        }
        return ledger.isFree(now, orderReserve) && (!paced || now - nextPacedAt >= 0);
    }

    private long earliestFree(CallPriority priority, long now) {
        long free = priority == CallPriority.ORDER ? ledger.earliestFree(now) : ledger.earliestFree(now, orderReserve);
        return priority == CallPriority.ORDER || !paced || free - nextPacedAt >= 0 ? free : nextPacedAt;
    }

    /** Every grant takes a window slot and pushes the next paced grant one slot back. */
    private long record(long now) {
        long place = ledger.record(now);
        nextPacedAt = (paced && nextPacedAt - now > 0 ? nextPacedAt : now) + paceNanos;
        paced = true;
        return place;
    }

    private static long earliest(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /**
     * Under the lock, for every grant: its metrics, and for an order its delay beyond the slots other orders took
     * while it waited.
     *
     * @param orderGrantsBefore the ORDER grants counted when the call arrived
     */
    private void countGrant(CallPriority priority, long waitedNanos, long orderGrantsBefore) {
        permits.get(priority).increment();
        waitTimers.get(priority).record(waitedNanos, TimeUnit.NANOSECONDS);
        if (priority == CallPriority.ORDER) {
            long others = orderGrants - orderGrantsBefore;
            orderDelay.record(Math.max(0, waitedNanos - others * paceNanos), TimeUnit.NANOSECONDS);
            orderGrants++;
        }
    }

    private void finish(Waiter w, State state, long now) {
        queues.get(w.priority).pollFirst();
        waiting--;
        w.state = state;
        if (state == State.GRANTED) {
            w.grantedAt = now;
            countGrant(w.priority, now - w.enqueuedAt, w.orderGrantsBefore);
        } else {
            refusals.get(w.priority).increment();
        }
        w.wakeUp.signal();
    }

    /** The head may have been waiting only for its deadline: wake it to time its wait to the next free slot. */
    private void signalHead() {
        Waiter head = head();
        if (head != null) {
            head.wakeUp.signal();
        }
    }

    private Waiter head() {
        if (waiting == 0) {
            return null;
        }
        for (CallPriority priority : CallPriority.values()) {
            Waiter w = queues.get(priority).peekFirst();
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "AppKeyRateBudget[" + label + ", " + settings.permitsPerSecond() + "/s]";
    }
}
