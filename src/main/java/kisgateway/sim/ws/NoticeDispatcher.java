package kisgateway.sim.ws;

import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import kisgateway.sim.KisEnv;
import kisgateway.sim.NoticeLayout;
import kisgateway.sim.SimAccount;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.market.TradeTick;
import kisgateway.sim.trading.OrderAction;
import kisgateway.sim.trading.OrderEvent;
import kisgateway.sim.trading.OrderEventSink;
import kisgateway.sim.trading.OrderKind;
import kisgateway.sim.trading.Side;

/**
 * Turns engine events into frames for the sessions that subscribed to them, and applies the notice faults on
 * the way: suppressed fills, silence (held or dropped), reordering and duplication. KIS keeps nothing for a
 * client that is not subscribed, and neither does this: a notice with no subscriber is gone.
 */
public final class NoticeDispatcher implements OrderEventSink {
    /** A reorder batch that does not fill up is flushed (reversed) after this long. */
    private static final long REORDER_FLUSH_NANOS = 1_000_000_000L;

    private record Notice(String htsId, String plain) {
    }

    private final KisEnv env;
    private final NoticeLayout layout;
    private final FaultPlan faults;
    private final SessionDirectory sessions;
    private final Deque<Notice> held = new ArrayDeque<>();
    private final List<Notice> reorderBuffer = new ArrayList<>();
    private final Set<Long> suppressedFills = ConcurrentHashMap.newKeySet();
    private int reorderTarget;
    private long reorderStartedNanos;
    private long dropped;

    NoticeDispatcher(KisEnv env, NoticeLayout layout, FaultPlan faults, SessionDirectory sessions) {
        this.env = env;
        this.layout = layout;
        this.faults = faults;
        this.sessions = sessions;
    }

    @Override
    public synchronized void onOrderEvent(OrderEvent e) {
        if (e.type() == OrderEvent.Type.FILLED && faults.takeFillSuppression(e.account().cano())) {
            suppressedFills.add(e.fillSeq());
            return;
        }
        route(new Notice(e.account().htsId(), ExecutionNoticeFormat.format(e, layout, env.branchCode())));
    }

    @Override
    public synchronized void onTrade(TradeTick tick) {
        if (faults.silence() != FaultPlan.SilenceMode.NONE) {
            return;
        }
        String code = tick.instrument().code();
        Set<WsSession> tickSubscribers = sessions.subscribersOf(MarketDataFormat.TICK_TR, code);
        if (!tickSubscribers.isEmpty()) {
            String frame = MarketDataFormat.tickFrame(tick);
            tickSubscribers.forEach(s -> s.deliverPlain(MarketDataFormat.TICK_TR, code, frame));
        }
        Set<WsSession> integratedSubscribers = sessions.subscribersOf(MarketDataFormat.INTEGRATED_TICK_TR, code);
        if (!integratedSubscribers.isEmpty()) {
            String frame = MarketDataFormat.tickFrame(tick, MarketDataFormat.INTEGRATED_TICK_TR);
            integratedSubscribers.forEach(s -> s.deliverPlain(MarketDataFormat.INTEGRATED_TICK_TR, code, frame));
        }
        Set<WsSession> quoteSubscribers = sessions.subscribersOf(MarketDataFormat.ASKING_PRICE_TR, code);
        if (!quoteSubscribers.isEmpty()) {
            String frame = MarketDataFormat.askingPriceFrame(tick);
            quoteSubscribers.forEach(s -> s.deliverPlain(MarketDataFormat.ASKING_PRICE_TR, code, frame));
        }
    }

    /** Called on a timer: releases held notices once the silence is over and flushes stale reorder batches. */
    synchronized void pump() {
        if (faults.silence() == FaultPlan.SilenceMode.NONE) {
            flushHeld();
        }
        if (!reorderBuffer.isEmpty() && System.nanoTime() - reorderStartedNanos > REORDER_FLUSH_NANOS) {
            flushReorder();
        }
    }

    /** True if the fill's notice was suppressed by the fault plan. */
    public boolean fillSuppressed(long fillSeq) {
        return suppressedFills.contains(fillSeq);
    }

    public synchronized long droppedBySilence() {
        return dropped;
    }

    /**
     * Sends {@code count} synthetic fill notices to every session subscribed to the HTS ID's notices (a load
     * generator for benchmarks; they appear in no account). Returns the number of sessions reached.
     */
    int flood(String htsId, int count, int firstOrder, List<SimAccount> accountsOfHtsId) {
        if (accountsOfHtsId.isEmpty()) {
            return 0;
        }
        SimAccount account = accountsOfHtsId.get(0);
        String trId = env.executionNoticeTrId();
        ZonedDateTime now = ZonedDateTime.now(SessionClock.SEOUL);
        Set<WsSession> targets = sessions.subscribersOf(trId, htsId);
        for (WsSession s : targets) {
            s.flood(trId, htsId, count, i -> ExecutionNoticeFormat.format(new OrderEvent(OrderEvent.Type.FILLED,
                    account, "9" + ExecutionNoticeFormat.pad(firstOrder + i, 9), "", Side.BUY, OrderAction.NEW, OrderKind.LIMIT,
                    "005930", "삼성전자", 1, 71_900, 1, 71_900, 0, now, 0), layout, env.branchCode()));
        }
        return targets.size();
    }

    private void route(Notice n) {
        switch (faults.silence()) {
            case HOLD -> {
                held.addLast(n);
                return;
            }
            case DROP -> {
                dropped++;
                return;
            }
            default -> flushHeld();
        }
        if (reorderTarget == 0) {
            int batch = faults.takeReorderBatch();
            if (batch > 1) {
                reorderTarget = batch;
                reorderStartedNanos = System.nanoTime();
            }
        }
        if (reorderTarget > 0) {
            reorderBuffer.add(n);
            if (reorderBuffer.size() >= reorderTarget) {
                flushReorder();
            }
            return;
        }
        send(n);
    }

    private void flushHeld() {
        while (!held.isEmpty()) {
            send(held.pollFirst());
        }
    }

    private void flushReorder() {
        List<Notice> batch = new ArrayList<>(reorderBuffer);
        reorderBuffer.clear();
        reorderTarget = 0;
        Collections.reverse(batch);
        batch.forEach(this::send);
    }

    private void send(Notice n) {
        if (faults.takeGarble()) {
            // a frame no layout can read: the last fields are cut off
            String[] fields = n.plain().split("\\^", -1);
            deliver(new Notice(n.htsId(), String.join("^", java.util.Arrays.copyOf(fields, Math.max(1, fields.length - 5)))));
            return;
        }
        boolean twice = faults.takeDuplicate();
        deliver(n);
        if (twice) {
            deliver(n);
        }
    }

    private void deliver(Notice n) {
        String trId = env.executionNoticeTrId();
        for (WsSession s : sessions.subscribersOf(trId, n.htsId())) {
            s.deliverNotice(trId, n.htsId(), n.plain());
        }
    }
}
