package kisgateway.order.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import kisgateway.order.CancelIntent;
import kisgateway.order.Intent;
import kisgateway.order.OrderIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of every live parent order, on the KIS leader (routes/parent-orders.camel.yaml runs it on a timer):
 * reads each parent and its children from the database, moves the parent (start, pause on a kill switch, resume,
 * stop sending, finish, fail), and returns what to put through the order flow: the children to send (recorded
 * before they are returned) and the cancels of children to pull. It keeps nothing between rounds, so after a restart
 * or a leader change the next round continues from the database; a child planned but not sent goes out again under
 * its client order id, which the order intake turns into the order it already made, never a second one.
 */
public final class ParentOrchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(ParentOrchestrator.class);

    /**
     * @param childTimeToLive       a child's time-to-live (the order intake's), and how long a planned child that is
     *                              not an order yet may still be sent
     * @param cancelAfterEnd        how long after its window a parent's resting children are left to fill before
     *                              they are cancelled
     * @param maxRefusedChildren    children refused outright (DENIED, REJECTED) after which the parent FAILS
     */
    public record Settings(Duration childTimeToLive, Duration cancelAfterEnd, int maxRefusedChildren) {
    }

    private final JdbcParentOrderStore store;
    private final BiFunction<String, String, Boolean> tradingAllowed;
    private final Function<String, OptionalLong> cumulativeVolume;
    private final java.util.function.BiConsumer<String, String> watchSymbol;
    private final ChildSendAllowance allowance;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param tradingAllowed   (account, strategy): whether the kill switches let new orders of them go (ACTIVE)
     * @param cumulativeVolume the market's volume of a symbol so far today, from the trade stream (POV)
     * @param watchSymbol      (account, symbol): asks for the symbol's trades on the stream, for a POV whose market
     *                         volume is not known yet (after a restart nothing else may have asked)
     */
    public ParentOrchestrator(JdbcParentOrderStore store, BiFunction<String, String, Boolean> tradingAllowed,
                              Function<String, OptionalLong> cumulativeVolume,
                              java.util.function.BiConsumer<String, String> watchSymbol, ChildSendAllowance allowance,
                              Settings settings, Clock clock) {
        this.store = store;
        this.tradingAllowed = tradingAllowed;
        this.cumulativeVolume = cumulativeVolume;
        this.watchSymbol = watchSymbol;
        this.allowance = allowance;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the intents to put through the order flow now: children (NEW) and their cancels */
    public List<Intent> round() {
        List<Intent> out = new ArrayList<>();
        for (ParentOrder p : store.active()) {
            try {
                work(p, out);
            } catch (RuntimeException e) {
                // one parent's failure (its database row) must not hold back the others; the next round retries it
                LOG.warn("parent order round failed parent={} cause={}", p.parentOrderId(), e.toString());
            }
        }
        return out;
    }

    private void work(ParentOrder parent, List<Intent> out) {
        Instant now = clock.instant();
        List<ChildOrder> children = live(store.children(parent.parentOrderId()), now);
        ParentProgress progress = ParentProgress.of(children);
        ParentOrder p = parent;
        switch (p.state()) {
            case CANCELLING -> {
                cancelResting(p, children, now, out);
                finishIfQuiet(p, progress);
                return;
            }
            case COMPLETING -> {
                resendUnsent(p, children, now, out);
                if (!now.isBefore(p.algorithm().end().plus(settings.cancelAfterEnd()))) {
                    cancelResting(p, children, now, out);
                }
                finishIfQuiet(p, progress);
                return;
            }
            default -> {
            }
        }
        if (progress.refused() >= settings.maxRefusedChildren()) {
            cancelResting(p, children, now, out);
            move(p, ParentEvent.FAIL, progress.refused() + " children refused outright", progress);
            return;
        }
        boolean allowed = Boolean.TRUE.equals(tradingAllowed.apply(p.account(), p.strategyId()));
        if (!allowed && !now.isBefore(p.algorithm().end())) {
            // its window is over while a switch holds it: nothing more will be sent, so it finishes with what it has
            // (COMPLETING cancels what still rests) rather than wait, PAUSED, for a switch that may never move
            move(p, ParentEvent.STOP_SENDING, "its window is over while a kill switch held it", progress);
            return;
        }
        if (!allowed) {
            if (p.state() != ParentState.PAUSED) {
                move(p, ParentEvent.PAUSE, "a kill switch is not ACTIVE for its account or strategy", progress);
            }
            return;
        }
        if (p.state() == ParentState.PAUSED) {
            p = move(p, ParentEvent.RESUME, "the kill switches are ACTIVE again", progress).orElse(p);
        }
        if (p.state() == ParentState.ACCEPTED) {
            if (now.isBefore(p.algorithm().start())) {
                return;
            }
            p = move(p, ParentEvent.START, "its window began", progress).orElse(p);
        }
        if (p.state() != ParentState.WORKING) {
            return;
        }
        resendUnsent(p, children, now, out);
        reslicePastTheirSlot(p, children, now, out);
        List<ChildOrder> planned = new ArrayList<>(children);
        while (true) {
            SlicePlan plan = SlicePlanner.plan(p, progress, now, marketVolume(p));
            if (plan.sendsChild()) {
                if (!allowance.tryTake(p.account())) {
                    // the parents' share of the app key's budget is used up this second: the next round plans again
                    return;
                }
                Optional<ChildOrder> child = store.recordChild(p, plan);
                if (child.isEmpty()) {
                    return;
                }
                out.add(childIntent(p, child.get(), now));
                LOG.info("parent child planned parent={} slice={} slot={} quantity={} filled={} working={}",
                        p.parentOrderId(), child.get().sliceNo(), plan.slot(), plan.quantity(), progress.filled(),
                        progress.working());
                planned.add(child.get());
                progress = ParentProgress.of(planned);
                p = p.withLastSlot(plan.slot());
            }
            if (plan.stopSending()) {
                move(p, ParentEvent.STOP_SENDING, progress.filled() >= p.quantity() ? "filled"
                        : "its window is over", progress);
                return;
            }
            // a LIMIT-SWEEP goes as fast as the parents' share of the budget allows: more children this round
            if (!plan.sendsChild() || p.algorithm().kind() != kisgateway.order.AlgorithmKind.LIMIT_SWEEP) {
                return;
            }
        }
    }

    /** Children planned so long ago that they were never sent (and never will be) count as nothing. */
    private List<ChildOrder> live(List<ChildOrder> children, Instant now) {
        return children.stream().filter(c -> c.sent() || !lapsed(c, now)).toList();
    }

    private boolean lapsed(ChildOrder c, Instant now) {
        return !now.isBefore(c.recordedAt().plus(settings.childTimeToLive()));
    }

    /** A child recorded but not an order (a crash between the two): sent again under the same client order id. */
    private void resendUnsent(ParentOrder p, List<ChildOrder> children, Instant now, List<Intent> out) {
        for (ChildOrder c : children) {
            if (!c.sent() && !lapsed(c, now) && allowance.tryTake(p.account())) {
                LOG.info("parent child sent again after a restart parent={} slice={} client={}", p.parentOrderId(),
                        c.sliceNo(), c.clientOrderId());
                out.add(childIntent(p, c, now));
            }
        }
    }

    /**
     * A TWAP child still resting when its slot is over (a limit the market left behind) is cancelled: what it did
     * not fill goes into the later slots, or the catch-up, instead of resting to the end.
     */
    private void reslicePastTheirSlot(ParentOrder p, List<ChildOrder> children, Instant now, List<Intent> out) {
        if (p.algorithm().kind() != kisgateway.order.AlgorithmKind.TWAP || !now.isBefore(p.algorithm().end())) {
            return;
        }
        Duration slot = p.algorithm().interval();
        cancelResting(p, children.stream().filter(c -> !now.isBefore(c.recordedAt().plus(slot))).toList(), now, out);
    }

    private void cancelResting(ParentOrder p, List<ChildOrder> children, Instant now, List<Intent> out) {
        for (ChildOrder c : children) {
            if (c.cancellable()) {
                out.add(new CancelIntent(c.clientOrderId() + ".cancel", c.clientOrderId(), p.account(), p.strategyId(),
                        0, settings.childTimeToLive(), now));
            }
        }
    }

    private void finishIfQuiet(ParentOrder p, ParentProgress progress) {
        if (progress.quiet()) {
            move(p, ParentEvent.FINISH, p.state() == ParentState.CANCELLING ? "no child works any more"
                    : progress.filled() >= p.quantity() ? "filled" : "its window is over, " + progress.filled()
                    + " of " + p.quantity() + " filled", progress);
        }
    }

    private Long marketVolume(ParentOrder p) {
        if (p.algorithm().kind() != kisgateway.order.AlgorithmKind.POV) {
            return null;
        }
        OptionalLong cumulative = cumulativeVolume.apply(p.symbol());
        if (cumulative.isEmpty()) {
            watchSymbol.accept(p.account(), p.symbol());
            return null;
        }
        if (p.marketVolumeBase() == null) {
            store.baseMarketVolume(p.parentOrderId(), cumulative.getAsLong());
            return 0L;
        }
        return Math.max(0, cumulative.getAsLong() - p.marketVolumeBase());
    }

    private Optional<ParentOrder> move(ParentOrder p, ParentEvent event, String cause, ParentProgress progress) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("filled", progress.filled());
        detail.put("working", progress.working());
        detail.put("children", progress.children());
        if (progress.averagePrice() != null) {
            detail.put("averagePrice", progress.averagePrice().toPlainString());
        }
        Optional<ParentOrder> moved = store.transition(p.parentOrderId(), event, cause, detail);
        moved.ifPresent(m -> LOG.info("parent order moved parent={} event={} from={} to={} cause={} filled={}",
                m.parentOrderId(), event, p.state(), m.state(), cause, progress.filled()));
        return moved;
    }

    private OrderIntent childIntent(ParentOrder p, ChildOrder c, Instant now) {
        return new OrderIntent(c.clientOrderId(), p.account(), p.strategyId(), p.symbol(), p.side(), c.plannedQuantity(),
                p.orderType(), p.price(), p.exchange(), settings.childTimeToLive(), now);
    }
}
