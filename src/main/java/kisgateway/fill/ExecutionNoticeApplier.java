package kisgateway.fill;

import java.util.Optional;
import java.util.function.BiFunction;
import kisgateway.kis.KisAccount;
import kisgateway.kis.OrderSide;
import kisgateway.kis.ws.AcceptanceNotice;
import kisgateway.kis.ws.AcceptanceStage;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.FillNotice;
import kisgateway.kis.ws.NoticeAction;
import kisgateway.kis.ws.NoticeOrder;
import kisgateway.kis.ws.RejectionNotice;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderChange;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.order.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an execution notice means for the gateway's books:
 * <ul>
 *   <li>a fill (CNTG_YN=2) is recorded through the {@link FillBook}; one that looks like a duplicate is held back
 *       and its order queued for a backfill against KIS;</li>
 *   <li>an acceptance (CNTG_YN=1) is a lifecycle event: a cancel or revision confirmed, an IOC/FOK remainder
 *       cancelled by the market, an order of ours accepted (its quantity/price slots carry the order's, not a
 *       fill's);</li>
 *   <li>a rejection (RFUS_YN=1) is a definite refusal by the exchange.</li>
 * </ul>
 * Notices of accounts this gateway does not trade (an HTS ID covers all its holder's accounts) are ignored.
 */
public final class ExecutionNoticeApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionNoticeApplier.class);

    private final FillBook fills;
    private final JdbcOrderStore orders;
    private final BiFunction<String, String, Optional<KisAccount>> accountByNumber;
    private final BackfillQueue backfills;
    private final ParkedNotices parked;
    private final NoticeStreamWatch watch;

    public ExecutionNoticeApplier(FillBook fills, JdbcOrderStore orders,
                                  BiFunction<String, String, Optional<KisAccount>> accountByNumber, BackfillQueue backfills,
                                  ParkedNotices parked, NoticeStreamWatch watch) {
        this.fills = fills;
        this.orders = orders;
        this.accountByNumber = accountByNumber;
        this.backfills = backfills;
        this.parked = parked;
        this.watch = watch;
    }

    /**
     * After an order got its KIS number (the REST answer): the fills and lifecycle notices that beat the answer
     * are applied now, in the order they came.
     *
     * @return the order as it is after that
     */
    public OrderRecord catchUp(OrderRecord order) {
        if (order.kisOrderNo() == null) {
            return order;
        }
        fills.attachTo(order);
        for (ParkedNotices.Parked p : parked.take(order.account(), order.kisOrderNo())) {
            OrderChange change = OrderChange.because(p.cause() + " (notice held until the order number was known)");
            if (p.cancelOrderNo() != null) {
                change.cancelOrderNo(p.cancelOrderNo());
            }
            orders.transition(order.orderId(), p.event(), change);
        }
        return orders.byId(order.orderId()).orElse(order);
    }

    /**
     * {@link #catchUp} on the intake's thread, right after the order's send was recorded. When it fails (the
     * database failing or not answering), the order's own outcome is recorded already and the fill sweep
     * (publishFills: parked fills, then {@link #catchUpAll}) applies what was waiting; failing the intake for it
     * would tell its sender that the order had not been sent, and count against KIS in the order breaker.
     *
     * @return the order as it is after that, or as the send left it
     */
    public OrderRecord catchUpAfterSend(OrderRecord order) {
        try {
            return catchUp(order);
        } catch (RuntimeException e) {
            LOG.warn("catch-up after the send left to the fill sweep order={} odno={} reason={}", order.orderId(),
                    order.kisOrderNo(), e.getMessage());
            return order;
        }
    }

    /** Catches up every order number that has notices waiting (the race the other way round). */
    public int catchUpAll() {
        int done = 0;
        for (String[] key : parked.waiting()) {
            Optional<OrderRecord> order = orders.byKisOrderNo(key[0], key[1]);
            if (order.isPresent()) {
                catchUp(order.get());
                done++;
            }
        }
        return done;
    }

    /**
     * Notices in arrival order: runs of fills are recorded in one transaction each (a burst of fills costs one
     * commit), anything else in between is applied on its own, in its place.
     *
     * @return the fills newly recorded, as kis.fills carries them, in the order they were recorded (the route
     *         publishes them after the commit; acceptances, rejections and duplicates add none)
     */
    public java.util.List<FillMessage> applyAll(java.util.List<ExecutionNotice> notices) {
        java.util.List<FillMessage> recorded = new java.util.ArrayList<>();
        java.util.List<FillBook.StreamFill> run = new java.util.ArrayList<>();
        for (ExecutionNotice notice : notices) {
            if (notice instanceof FillNotice fill) {
                NoticeOrder o = fill.order();
                Optional<KisAccount> account = accountByNumber.apply(o.cano().reveal(), o.productCode());
                if (account.isEmpty()) {
                    continue;
                }
                watch.noticed(account.get().alias());
                run.add(new FillBook.StreamFill(account.get().alias(), o.orderNo(), o.symbol(),
                        o.side() == OrderSide.BUY ? Side.BUY : Side.SELL, fill.quantity(), fill.price(), o.occurredAt().toInstant()));
            } else {
                flush(run, recorded);
                apply(notice);
            }
        }
        flush(run, recorded);
        return recorded;
    }

    private void flush(java.util.List<FillBook.StreamFill> run, java.util.List<FillMessage> recorded) {
        if (run.isEmpty()) {
            return;
        }
        java.util.List<FillOutcome> outcomes = fills.recordStream(run);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof FillOutcome.Recorded r) {
                recorded.add(r.message());
            }
            if (outcomes.get(i) instanceof FillOutcome.Suspect suspect) {
                LOG.warn("fill notice held back as a suspected duplicate account={} odno={} reason={}; backfilling the order",
                        suspect.account(), suspect.kisOrderNo(), suspect.reason());
                backfills.request(suspect.account(), "suspected duplicate fill on " + suspect.kisOrderNo());
            }
        }
        run.clear();
    }

    /** @return a short description of what was done, for the route's log */
    public String apply(ExecutionNotice notice) {
        NoticeOrder o = notice.order();
        Optional<KisAccount> account = accountByNumber.apply(o.cano().reveal(), o.productCode());
        if (account.isEmpty()) {
            LOG.debug("notice for an account this gateway does not trade ignored odno={}", o.orderNo());
            return "ignored: not our account";
        }
        String alias = account.get().alias();
        watch.noticed(alias);
        if (notice instanceof FillNotice fill) {
            return onFill(alias, fill);
        }
        if (notice instanceof RejectionNotice rejection) {
            return onRejection(alias, rejection);
        }
        return onAcceptance(alias, (AcceptanceNotice) notice);
    }

    private String onFill(String account, FillNotice fill) {
        NoticeOrder o = fill.order();
        Side side = o.side() == OrderSide.BUY ? Side.BUY : Side.SELL;
        FillOutcome outcome = fills.recordStream(account, o.orderNo(), o.symbol(), side, fill.quantity(), fill.price(),
                o.occurredAt().toInstant());
        if (outcome instanceof FillOutcome.Suspect suspect) {
            LOG.warn("fill notice held back as a suspected duplicate account={} odno={} reason={}; backfilling the order",
                    account, o.orderNo(), suspect.reason());
            backfills.request(account, "suspected duplicate fill on " + o.orderNo());
        }
        return outcome.toString();
    }

    private String onRejection(String account, RejectionNotice rejection) {
        NoticeOrder o = rejection.order();
        if (o.action() == NoticeAction.NEW) {
            return transition(account, o.orderNo(), OrderEventType.REJECT, OrderChange
                    .because("exchange refused the order (RFUS_YN=1)").rejection("EXCHANGE_REFUSED", "execution notice rejection"));
        }
        OrderEventType event = o.action() == NoticeAction.CANCEL ? OrderEventType.CANCEL_REJECT : OrderEventType.REPLACE_REJECT;
        return transition(account, o.originalOrderNo(), event,
                OrderChange.because("exchange refused the " + o.action() + " (RFUS_YN=1)").detail("requestOdno", o.orderNo()));
    }

    private String onAcceptance(String account, AcceptanceNotice acceptance) {
        NoticeOrder o = acceptance.order();
        if (acceptance.stage() == AcceptanceStage.IOC_FOK_CANCELLED) {
            String target = o.originalOrderNo().isBlank() ? o.orderNo() : o.originalOrderNo();
            return transition(account, target, OrderEventType.BROKER_CANCEL,
                    OrderChange.because("the market cancelled the unfilled IOC/FOK remainder"));
        }
        if (o.action() == NoticeAction.CANCEL) {
            Optional<OrderRecord> order = orders.byKisOrderNo(account, o.originalOrderNo());
            if (order.isEmpty()) {
                return "cancel of an order we do not know: " + o.originalOrderNo();
            }
            // ours (confirming our request) or from outside the gateway (HTS): either way the remainder is gone
            OrderEventType event = order.get().state() == OrderState.CANCEL_PENDING ? OrderEventType.CANCEL_ACK
                    : OrderEventType.BROKER_CANCEL;
            if (order.get().state() == OrderState.CANCELED) {
                return "cancel already recorded";
            }
            return transition(account, o.originalOrderNo(), event, OrderChange.because("cancel accepted by KIS (notice)")
                    .cancelOrderNo(o.orderNo()));
        }
        if (o.action() == NoticeAction.REVISE) {
            Optional<OrderRecord> order = orders.byKisOrderNo(account, o.originalOrderNo());
            if (order.isPresent() && order.get().state() == OrderState.REPLACE_PENDING) {
                return transition(account, o.originalOrderNo(), OrderEventType.REPLACE_ACK,
                        OrderChange.because("revision accepted by KIS (notice)")
                                .brokerOrder(o.orderNo(), o.branch(), o.occurredAt().toInstant())
                                .revision(null, acceptance.price()));
            }
            return "revision notice recorded by the REST answer or not ours: " + o.orderNo();
        }
        Optional<OrderRecord> order = orders.byKisOrderNo(account, o.orderNo());
        if (order.isPresent() && order.get().state() == OrderState.SUBMITTED) {
            return transition(account, o.orderNo(), OrderEventType.ACK, OrderChange.because("accepted by KIS (notice)"));
        }
        return "acceptance of " + o.orderNo() + (order.isPresent() ? " (" + order.get().state() + ")" : " (not known yet)");
    }

    private String transition(String account, String kisOrderNo, OrderEventType event, OrderChange change) {
        Optional<OrderRecord> order = orders.byKisOrderNo(account, kisOrderNo);
        if (order.isEmpty()) {
            LOG.info("notice held until the order number is known account={} odno={} event={}", account, kisOrderNo, event);
            parked.park(account, kisOrderNo, event, change.cause(), change.cancelOrderNo());
            return "parked " + event + " for " + kisOrderNo;
        }
        var t = orders.transition(order.get().orderId(), event, change);
        return event + " -> " + t.to() + (t.legal() ? "" : " (illegal, recorded)");
    }
}
