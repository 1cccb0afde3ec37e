package kisgateway.order.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import kisgateway.order.CancelIntent;
import kisgateway.order.Intent;
import kisgateway.order.InvalidIntentException;
import kisgateway.order.ParentAlgorithm;
import kisgateway.order.ParentIntent;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.risk.session.TradingSessionWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake of parent orders and of their cancels. A parent is refused whole, before it exists and so before any
 * child, when its window is not inside one session window that takes its children's order type, or when the risk
 * gate would refuse its first child (the symbol, the price, a kill switch): the strategy hears why at once rather than
 * watching every child be denied.
 */
public final class ParentOrderDesk {

    private static final Logger LOG = LoggerFactory.getLogger(ParentOrderDesk.class);

    /** Would the risk gate take a child of this size? Empty: yes; else the rule and its values. */
    public interface ChildScreen {
        Optional<String> refusal(ParentIntent parent, long childQuantity, Instant at, Duration wait);
    }

    private final JdbcParentOrderStore store;
    private final KrxSessionCalendar calendar;
    private final ChildScreen screen;
    private final java.util.function.BiPredicate<String, String> orderExists;
    private final Clock clock;

    /**
     * @param orderExists (strategy, client order id): whether an order of the strategy has that client id already;
     *                    a parent may not take it, or a cancel by that id could not say which one it means
     */
    public ParentOrderDesk(JdbcParentOrderStore store, KrxSessionCalendar calendar, ChildScreen screen,
                           java.util.function.BiPredicate<String, String> orderExists, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.screen = screen;
        this.orderExists = orderExists;
        this.clock = clock;
    }

    /** The parent the intent made, or the one its client order id made before. */
    public ParentIntake accept(ParentIntent intent) {
        Optional<ParentOrder> known = store.byClientOrderId(intent.strategyId(), intent.clientOrderId());
        if (known.isPresent()) {
            return found(known.get(), intent);
        }
        if (orderExists.test(intent.strategyId(), intent.clientOrderId())) {
            throw new InvalidIntentException("clientOrderId " + intent.clientOrderId() + " already names an order of "
                    + "strategy " + intent.strategyId() + "; a parent order needs a client id of its own");
        }
        ParentAlgorithm a = intent.algorithm();
        requireInOneSession(intent);
        Duration wait = Duration.between(clock.instant(), intent.staleAt());
        Instant at = a.start().isAfter(clock.instant()) ? a.start() : clock.instant();
        screen.refusal(intent, firstChildQuantity(intent), at, wait).ifPresent(rule -> {
            LOG.info("parent order refused client={} strategy={} symbol={} rule={}", intent.clientOrderId(),
                    intent.strategyId(), intent.symbol(), rule);
            throw new InvalidIntentException("the risk check refuses a child of this parent order: " + rule);
        });
        JdbcParentOrderStore.CreateResult created = store.create(intent);
        if (!created.created()) {
            return found(created.parent(), intent);
        }
        ParentOrder p = created.parent();
        LOG.info("parent order accepted parent={} client={} account={} strategy={} {} {} {} algorithm={} start={} end={}",
                p.parentOrderId(), p.clientOrderId(), p.account(), p.strategyId(), p.side(), p.quantity(), p.symbol(),
                a.kind(), a.start(), a.end());
        return new ParentIntake(p, false);
    }

    /** True for a cancel whose target is a parent order of its strategy (the same cancel intake as for orders). */
    /**
     * Refuses a new order under a client id a parent of its strategy has: a cancel names its target by client id
     * and the cancel intake asks about parents first, so the order could never be cancelled by its id.
     */
    public void requireNoParent(Intent intent) {
        if (intent instanceof kisgateway.order.OrderIntent o
                && store.byClientOrderId(o.strategyId(), o.clientOrderId()).isPresent()) {
            throw new InvalidIntentException("clientOrderId " + o.clientOrderId() + " already names a parent order of "
                    + "strategy " + o.strategyId() + "; an order needs a client id of its own");
        }
    }

    public boolean namesParent(Intent intent) {
        return intent instanceof CancelIntent c
                && store.byClientOrderId(c.strategyId(), c.targetClientOrderId()).isPresent();
    }

    /**
     * Cancels the parent: no more children; its working children are cancelled by the orchestrator's next round
     * (on the KIS leader) and it is CANCELLED once none works. A parent already finished is answered as it is.
     */
    public ParentOrder cancel(CancelIntent intent) {
        ParentOrder p = store.byClientOrderId(intent.strategyId(), intent.targetClientOrderId())
                .orElseThrow(() -> new InvalidIntentException("no parent order " + intent.targetClientOrderId()));
        if (!p.account().equals(intent.account())) {
            throw new InvalidIntentException("parent order " + intent.targetClientOrderId() + " is not of account "
                    + intent.account());
        }
        Optional<ParentOrder> moved = store.transition(p.parentOrderId(), ParentEvent.CANCEL,
                "cancelled by its strategy", Map.of("request", intent.clientOrderId()));
        moved.ifPresent(m -> LOG.info("parent order cancelled parent={} client={} request={}", m.parentOrderId(),
                m.clientOrderId(), intent.clientOrderId()));
        return moved.orElseGet(() -> store.byId(p.parentOrderId()).orElseThrow());
    }

    /** The largest child the parent's first slice would send, for its screening. */
    static long firstChildQuantity(ParentIntent intent) {
        ParentAlgorithm a = intent.algorithm();
        return switch (a.kind()) {
            case TWAP -> Math.max(1, SlicePlanner.twapTarget(intent.quantity(), 1, a.slices()));
            case POV, LIMIT_SWEEP -> a.maxChildQuantity() > 0 ? Math.min(a.maxChildQuantity(), intent.quantity())
                    : intent.quantity();
        };
    }

    /** The window, start to end, inside one session window of its day that takes the children's order type. */
    void requireInOneSession(ParentIntent intent) {
        ParentAlgorithm a = intent.algorithm();
        LocalDateTime start = LocalDateTime.ofInstant(a.start(), KrxSessionCalendar.SEOUL);
        LocalDateTime end = LocalDateTime.ofInstant(a.end(), KrxSessionCalendar.SEOUL);
        if (start.toLocalDate().equals(end.toLocalDate())) {
            for (TradingSessionWindow w : calendar.windowsOn(start.toLocalDate(),
                    kisgateway.risk.Exchange.valueOf(intent.exchange().name()))) {
                if (w.accepts(intent.orderType().code()) && !start.toLocalTime().isBefore(w.start())
                        && !end.toLocalTime().isAfter(w.end())) {
                    return;
                }
            }
        }
        throw new InvalidIntentException("the window " + start.toLocalTime().withNano(0) + "-"
                + end.toLocalTime().withNano(0) + " (" + start.toLocalDate() + ", Asia/Seoul) is not inside one "
                + intent.exchange() + " session window that takes orderType " + intent.orderType().code());
    }

    private static ParentIntake found(ParentOrder p, ParentIntent intent) {
        boolean same = p.account().equals(intent.account()) && p.symbol().equals(intent.symbol())
                && p.side() == intent.side() && p.quantity() == intent.quantity()
                && p.orderType() == intent.orderType() && p.algorithm().kind() == intent.algorithm().kind();
        if (!same) {
            LOG.warn("client order id reused with different content client={} parent={}", intent.clientOrderId(),
                    p.parentOrderId());
        }
        return new ParentIntake(p, !same);
    }

    /** @param conflicting the client order id made a different parent before (answered 409 over REST) */
    public record ParentIntake(ParentOrder parent, boolean conflicting) {
    }

}
