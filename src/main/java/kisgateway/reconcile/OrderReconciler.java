package kisgateway.reconcile;

import static kisgateway.order.OrderEventType.AMBIGUOUS;
import static kisgateway.order.OrderEventType.BROKER_CANCEL;
import static kisgateway.order.OrderEventType.CANCEL_ACK;
import static kisgateway.order.OrderEventType.CANCEL_REJECT;
import static kisgateway.order.OrderEventType.EXPIRE;
import static kisgateway.order.OrderEventType.RECONCILE_ABSENT;
import static kisgateway.order.OrderEventType.RECONCILE_ACKED;
import static kisgateway.order.OrderEventType.RECONCILE_CANCELED;
import static kisgateway.order.OrderEventType.RECONCILE_PARTIAL;
import static kisgateway.order.OrderEventType.REJECT;
import static kisgateway.order.OrderEventType.REPLACE_ACK;
import static kisgateway.order.OrderEventType.REPLACE_REJECT;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import kisgateway.order.BrokerOrder;
import kisgateway.order.BrokerOrderMatcher;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderState;
import kisgateway.reconcile.snapshot.BrokerOrderRow;
import kisgateway.reconcile.snapshot.BrokerSnapshot;
import kisgateway.reconcile.snapshot.LocalFill;
import kisgateway.reconcile.snapshot.LocalOrder;
import kisgateway.reconcile.snapshot.LocalSnapshot;
import kisgateway.reconcile.snapshot.OrderNumberKey;

/**
 * Orders and fills, local against broker:
 * <ol>
 *   <li>orders with KIS numbers claim the broker chain holding those numbers, and are compared with it;</li>
 *   <li>orders sent with no provable outcome (RECONCILE_REQUIRED, or SUBMITTED past the in-flight grace: a crash
 *       mid-send) are looked up by the deterministic {@link BrokerOrderMatcher} among the chains nobody claims;</li>
 *   <li>chains nobody claims or may claim are external orders.</li>
 * </ol>
 * Every settlement is first run through the transition table ({@link SettlementPlan}); anything that does not
 * reach the broker's state legally, and every contradiction, is a break, and then nothing of that order is
 * settled.
 */
final class OrderReconciler {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final ReconciliationSettings settings;
    private final FillGapFinder gaps;
    private final BrokerOrderMatcher matcher;

    OrderReconciler(ReconciliationSettings settings) {
        this.settings = settings;
        this.gaps = new FillGapFinder(settings);
        this.matcher = new BrokerOrderMatcher(settings.matchWindowBefore(), settings.matchWindowAfter());
    }

    /** An event reconciliation plans, with the broker row whose number it records and why. */
    private record Planned(OrderEventType event, BrokerOrderRow numberRow, BrokerOrderRow cancelRow,
                           BigDecimal newPrice, String reason) {
    }

    /** What to do after the fills: events, wait (a request still in flight), or no legal way (a break). */
    private record After(List<Planned> events, boolean mismatch) {
        static After none() {
            return new After(List.of(), false);
        }

        static After of(Planned p) {
            return new After(List.of(p), false);
        }

        static After mismatched() {
            return new After(List.of(), true);
        }
    }

    /** The run's inputs, indexed. */
    private record Run(String account, Instant asOf, LocalDate day, BrokerChains chains,
                       Map<String, List<LocalFill>> fillsByKey, Set<String> openKeys, Findings found) {
    }

    void reconcile(LocalSnapshot local, BrokerSnapshot broker, Findings found) {
        BrokerChains chains = BrokerChains.of(broker.orders());
        chains.breaks().forEach(found::addBreak);
        found.brokerOrders = chains.all().size();
        LocalDate day = broker.asOf().atZone(KST).toLocalDate();
        Map<String, List<LocalFill>> fillsByKey = local.fills().stream()
                .filter(f -> f.occurredAt() == null || f.occurredAt().atZone(KST).toLocalDate().equals(day))
                .sorted(Comparator.comparing(LocalFill::orderNoKey).thenComparing(LocalFill::fillId))
                .collect(Collectors.groupingBy(LocalFill::orderNoKey, TreeMap::new, Collectors.toList()));
        Set<String> openKeys = broker.openOrders().stream().filter(o -> o.revisableQuantity() > 0)
                .map(o -> o.orderNoKey()).collect(Collectors.toCollection(TreeSet::new));
        Run run = new Run(local.account(), broker.asOf(), day, chains, fillsByKey, openKeys, found);

        List<LocalOrder> orders = local.orders().stream()
                .filter(o -> o.order().account().equals(local.account()))
                .sorted(Comparator.comparing(o -> o.orderId().toString())).toList();

        // 1. orders with numbers claim chains
        Map<UUID, List<BrokerChain>> chainsOf = new LinkedHashMap<>();
        Map<String, List<LocalOrder>> claimants = new TreeMap<>();
        for (LocalOrder lo : orders) {
            if (!lo.hasBrokerNumber()) {
                continue;
            }
            List<BrokerChain> mine = lo.numberKeys().stream().map(chains::byKey).filter(Objects::nonNull).distinct()
                    .sorted(Comparator.comparing(BrokerChain::rootKey)).toList();
            chainsOf.put(lo.orderId(), mine);
            mine.forEach(c -> claimants.computeIfAbsent(c.rootKey(), k -> new ArrayList<>()).add(lo));
        }
        for (LocalOrder lo : orders) {
            List<BrokerChain> mine = chainsOf.get(lo.orderId());
            if (mine == null) {
                continue;
            }
            if (mine.isEmpty()) {
                notAtBroker(lo, run);
            } else if (mine.size() > 1) {
                chainBreak(lo, run, "its numbers belong to " + mine.size() + " different broker orders: "
                        + mine.stream().map(c -> c.root().orderNo()).collect(Collectors.joining(",")), mine);
            } else if (claimants.get(mine.get(0).rootKey()).size() > 1) {
                chainBreak(lo, run, "broker order " + mine.get(0).root().orderNo() + " is claimed by "
                        + claimants.get(mine.get(0).rootKey()).size() + " orders: " + claimants.get(mine.get(0).rootKey())
                        .stream().map(o -> o.orderId().toString()).collect(Collectors.joining(",")), mine);
            } else if (mine.get(0).conflicting()) {
                chainBreak(lo, run, "the broker listed one of its numbers twice with different figures", mine);
            } else {
                settle(lo, mine.get(0), false, run);
            }
        }

        // 2. orders with no provable send outcome
        Set<String> claimedNos = new TreeSet<>();
        claimants.keySet().forEach(k -> claimedNos.add(chains.byKey(k).root().orderNo()));
        List<BrokerOrder> roots = chains.all().stream().filter(c -> !c.orphan() && !c.conflicting())
                .map(c -> c.root().toBrokerOrder()).toList();
        Map<UUID, BrokerOrderMatcher.Result> results = new LinkedHashMap<>();
        Map<String, List<LocalOrder>> candidateOf = new HashMap<>();
        List<LocalOrder> unsettled = orders.stream().filter(o -> !o.hasBrokerNumber()
                && (o.state() == OrderState.SUBMITTED || o.state() == OrderState.RECONCILE_REQUIRED)).toList();
        for (LocalOrder lo : unsettled) {
            BrokerOrderMatcher.Result r = matcher.match(lo.order(), lo.sendTime(), roots, claimedNos);
            results.put(lo.orderId(), r);
            for (BrokerOrder b : candidates(r)) {
                candidateOf.computeIfAbsent(OrderNumberKey.of(b.orderNo()), k -> new ArrayList<>()).add(lo);
            }
        }
        Set<String> settledByMatch = new TreeSet<>();
        for (LocalOrder lo : unsettled) {
            judgeUnnumbered(lo, results.get(lo.orderId()), candidateOf, settledByMatch, run);
        }

        // 3. the rest is external
        for (BrokerChain chain : chains.all()) {
            String key = chain.rootKey();
            if (claimants.containsKey(key) || settledByMatch.contains(key) || candidateOf.containsKey(key)
                    || chain.conflicting()) {
                continue;
            }
            external(chain, run);
        }

        // 4. fills under numbers KIS does not list today
        for (Map.Entry<String, List<LocalFill>> e : fillsByKey.entrySet()) {
            if (chains.byKey(e.getKey()) != null) {
                continue;
            }
            List<LocalFill> parked = e.getValue().stream().filter(LocalFill::parked).toList();
            String subject = "odno:" + e.getValue().get(0).kisOrderNo();
            found.examined.add(subject);
            if (!parked.isEmpty()) {
                long qty = parked.stream().mapToLong(LocalFill::quantity).sum();
                found.addBreak(new Break(BreakKind.FILLS_AHEAD, subject, parked.size() + " fills (" + qty
                        + " shares) are recorded under order number " + e.getValue().get(0).kisOrderNo()
                        + ", which KIS does not list today", Evidence.builder().local("parkedFills", parked.size())
                        .local("parkedQuantity", qty).local("fillIds", parked.stream().map(LocalFill::fillId)
                                .collect(Collectors.joining(","))).broker("listed", false).build()));
            }
        }
    }

    private static List<BrokerOrder> candidates(BrokerOrderMatcher.Result r) {
        if (r instanceof BrokerOrderMatcher.Result.Unique u) {
            return List.of(u.order());
        }
        if (r instanceof BrokerOrderMatcher.Result.Ambiguous a) {
            return a.candidates();
        }
        return List.of();
    }

    // ------------------------------------------------------------------ orders with no number

    private void judgeUnnumbered(LocalOrder lo, BrokerOrderMatcher.Result result,
                                 Map<String, List<LocalOrder>> candidateOf, Set<String> settledByMatch, Run run) {
        if (inFlight(lo, run)) {
            return;
        }
        boolean pastGrace = pastGrace(lo, run);
        if (result instanceof BrokerOrderMatcher.Result.Unique u) {
            BrokerChain chain = run.chains().byKey(OrderNumberKey.of(u.order().orderNo()));
            List<LocalOrder> competitors = candidateOf.getOrDefault(chain.rootKey(), List.of()).stream()
                    .filter(o -> !o.orderId().equals(lo.orderId())).toList();
            if (competitors.isEmpty()) {
                settledByMatch.add(chain.rootKey());
                settle(lo, chain, true, run);
                return;
            }
            // a sibling still in flight may be the owner: its answer will tell
            if (!pastGrace || competitors.stream().anyMatch(o -> inFlight(o, run))) {
                return;
            }
            ambiguous(lo, List.of(u.order()), competitors, run);
            return;
        }
        if (result instanceof BrokerOrderMatcher.Result.Ambiguous a) {
            if (pastGrace) {
                ambiguous(lo, a.candidates(), List.of(), run);
            }
            return;
        }
        if (pastGrace) {
            absent(lo, run);
        }
    }

    /** SUBMITTED within the grace period plus its time-to-live: the send may still be under way. */
    private boolean inFlight(LocalOrder lo, Run run) {
        return lo.state() == OrderState.SUBMITTED && !pastGrace(lo, run);
    }

    private boolean pastGrace(LocalOrder lo, Run run) {
        Duration allowance = settings.inFlightGrace();
        if (lo.state() == OrderState.SUBMITTED && lo.order().timeToLive() != null) {
            allowance = allowance.plus(lo.order().timeToLive());
        }
        return Duration.between(lo.sendTime(), run.asOf()).compareTo(allowance) > 0;
    }

    private void ambiguous(LocalOrder lo, List<BrokerOrder> candidates, List<LocalOrder> competitors, Run run) {
        Evidence.Builder e = Evidence.builder();
        describeLocal(lo, e);
        e.local("sentAt", lo.sendTime());
        for (BrokerOrder b : candidates) {
            e.broker("candidate." + b.orderNo(), b.side() + " " + b.quantity() + " " + b.symbol() + " @"
                    + Evidence.text(b.price()) + " at " + Evidence.text(b.orderTime()));
        }
        competitors.forEach(c -> e.local("competingOrder." + c.orderId(), c.state() + " sent "
                + Evidence.text(c.sendTime())));
        run.found().ordersCompared++;
        run.found().addBreak(new Break(BreakKind.AMBIGUOUS_MATCH, lo.orderId().toString(), candidates.size()
                + " broker orders" + (competitors.isEmpty() ? "" : " (also matching " + competitors.size()
                + " other unsettled order(s))") + " match this order sent with no provable outcome", e.build()));
    }

    private void absent(LocalOrder lo, Run run) {
        List<OrderEventType> events = new ArrayList<>();
        if (lo.state() == OrderState.SUBMITTED) {
            events.add(AMBIGUOUS);
        }
        events.add(RECONCILE_ABSENT);
        Evidence.Builder e = Evidence.builder();
        describeLocal(lo, e);
        e.local("sentAt", lo.sendTime());
        e.broker("matchingOrders", 0).broker("windowFrom", lo.sendTime().minus(settings.matchWindowBefore()))
                .broker("windowTo", lo.sendTime().plus(settings.matchWindowAfter())).broker("asOf", run.asOf())
                .broker("graceSeconds", settings.inFlightGrace().toSeconds());
        Evidence evidence = e.build();
        run.found().ordersCompared++;
        run.found().examined.add(lo.orderId().toString());
        SettlementPlan.Result plan = SettlementPlan.simulate(lo.state(), lo.order().filledQuantity(),
                lo.order().quantity(), List.of(), List.of(), events);
        if (!plan.legal()) {
            run.found().addBreak(new Break(BreakKind.ORDER_STATUS, lo.orderId().toString(),
                    "not at KIS, but " + plan.failure(), evidence));
            return;
        }
        String reason = "no broker order matches it " + settings.inFlightGrace().toSeconds()
                + "s and more after it was sent: absent at KIS";
        List<Planned> planned = events.stream().map(ev -> new Planned(ev, null, null, null, ev == AMBIGUOUS
                ? "sent with no answer recorded (a crash mid-send)" : reason)).toList();
        emit(lo, SettlementStage.AFTER_FILLS, plan.after(), planned, evidence, run);
    }

    // ------------------------------------------------------------------ orders with numbers

    private void notAtBroker(LocalOrder lo, Run run) {
        OrderRecord o = lo.order();
        Instant placed = o.kisOrderTime() != null ? o.kisOrderTime() : lo.sendTime();
        LocalDate orderDay = placed.atZone(KST).toLocalDate();
        String subject = o.orderId().toString();
        Evidence.Builder e = Evidence.builder();
        describeLocal(lo, e);
        e.local("orderDate", orderDay).broker("listed", false).broker("tradingDate", run.day());
        if (orderDay.isBefore(run.day())) {
            if (o.state().isTerminal()) {
                return;
            }
            run.found().ordersCompared++;
            run.found().examined.add(subject);
            SettlementPlan.Result plan = SettlementPlan.simulate(o.state(), o.filledQuantity(), o.quantity(),
                    List.of(), List.of(), List.of(EXPIRE));
            if (plan.legal()) {
                emit(lo, SettlementStage.AFTER_FILLS, plan.after(), List.of(new Planned(EXPIRE, null, null, null,
                        "a day order of " + orderDay + " still " + o.state() + " on " + run.day()
                                + ": KRX orders are good for their day only")), e.build(), run);
            } else {
                run.found().addBreak(new Break(BreakKind.ORDER_STATUS, subject, "an order of " + orderDay
                        + " is still " + o.state() + " and cannot expire: " + plan.failure(), e.build()));
            }
            return;
        }
        if (o.state() == OrderState.REJECTED || o.state() == OrderState.DENIED || o.state() == OrderState.EXPIRED) {
            run.found().ordersCompared++;
            run.found().examined.add(subject);
            return;
        }
        if (Duration.between(lo.sendTime(), run.asOf()).compareTo(settings.inFlightGrace()) <= 0) {
            return;
        }
        run.found().ordersCompared++;
        run.found().addBreak(new Break(BreakKind.ORDER_NOT_AT_BROKER, subject, "order number(s) "
                + String.join(",", lo.numberKeys()) + " are not in KIS's orders of " + run.day(), e.build()));
    }

    private void chainBreak(LocalOrder lo, Run run, String why, List<BrokerChain> chains) {
        Evidence.Builder e = Evidence.builder();
        describeLocal(lo, e);
        for (BrokerChain c : chains) {
            e.broker("order." + c.root().orderNo(), c.state() + " numbers "
                    + c.rows().stream().map(BrokerOrderRow::orderNo).collect(Collectors.joining(",")));
        }
        run.found().ordersCompared++;
        run.found().addBreak(new Break(BreakKind.ORDER_CHAIN, lo.orderId().toString(), why, e.build()));
    }

    /**
     * Compares an order with its broker chain and settles what the broker is ahead on.
     *
     * @param matched the chain was found by the matcher: the order gets its number with the first event
     */
    private void settle(LocalOrder lo, BrokerChain chain, boolean matched, Run run) {
        OrderRecord o = lo.order();
        String subject = o.orderId().toString();
        Findings found = run.found();
        found.ordersCompared++;
        found.examined.add(subject);
        Evidence.Builder base = Evidence.builder();
        describeLocal(lo, base);
        chain.describe(base);
        Evidence evidence = base.build();

        if (o.quantity() != chain.quantity()) {
            found.addBreak(new Break(BreakKind.ORDER_QUANTITY, subject, "order quantity " + o.quantity()
                    + " locally, " + chain.quantity() + " at KIS", evidence));
            return;
        }
        if (chain.unaccounted() < 0 || chain.remaining() > 0 && chain.unaccounted() != 0) {
            found.addBreak(new Break(BreakKind.ORDER_QUANTITY, subject, "KIS's figures do not add up to the order's "
                    + chain.quantity() + ": filled " + chain.filled() + ", remaining " + chain.remaining()
                    + ", cancelled " + chain.cancelledQuantity() + ", rejected " + chain.rejected(), evidence));
            return;
        }
        OrderState target = chain.state();
        Set<String> known = new TreeSet<>(matched ? Set.of() : lo.numberKeys());
        List<Planned> before = new ArrayList<>();
        if (matched || o.state() == OrderState.RECONCILE_REQUIRED) {
            if (o.state() == OrderState.SUBMITTED) {
                before.add(new Planned(AMBIGUOUS, null, null, null,
                        "sent with no answer recorded, past the in-flight grace (a crash mid-send)"));
            }
            BrokerOrderRow cancel = target == OrderState.CANCELED ? latestUnknownCancel(chain, known) : null;
            before.add(new Planned(identityEvent(target), chain.root(), cancel, null, "found at KIS as "
                    + chain.root().orderNo() + (matched ? " by the deterministic matcher" : "") + ", " + target));
            known.add(chain.rootKey());
            if (cancel != null) {
                known.add(cancel.orderNoKey());
            }
        }
        List<BrokerOrderRow> unknownRevisions = chain.revisions().stream()
                .filter(r -> !known.contains(r.orderNoKey())).toList();
        if (o.state() == OrderState.REPLACE_PENDING && unknownRevisions.size() == 1
                && unknownRevisions.get(0).orderNoKey().equals(chain.current().orderNoKey())) {
            BrokerOrderRow revision = unknownRevisions.get(0);
            before.add(new Planned(REPLACE_ACK, revision, null, revision.price(), "revision booked at KIS as "
                    + revision.orderNo() + " at " + Evidence.text(revision.price())));
            known.add(revision.orderNoKey());
            unknownRevisions = List.of();
        }
        if (!unknownRevisions.isEmpty()) {
            found.addBreak(new Break(BreakKind.ORDER_CHAIN, subject, "revised at KIS under number(s) "
                    + unknownRevisions.stream().map(BrokerOrderRow::orderNo).collect(Collectors.joining(","))
                    + " that the gateway does not hold", evidence));
            return;
        }
        for (BrokerOrderRow row : chain.liveRows()) {
            if (row.filledQuantity() > 0 && !known.contains(row.orderNoKey())) {
                found.addBreak(new Break(BreakKind.ORDER_CHAIN, subject, "KIS reports fills on " + row.orderNo()
                        + ", a number the order does not hold", evidence));
                return;
            }
        }

        List<RowFills> rows = compareFills(chain, o.orderId(), subject, run);
        if (rows == null) {
            return;
        }
        List<LocalFill> parked = parkedFills(chain, run);
        List<MissingFill> missing = rows.stream().map(RowFills::missing).filter(Objects::nonNull).toList();
        long projected = o.filledQuantity() + parked.stream().mapToLong(LocalFill::quantity).sum()
                + missing.stream().mapToLong(MissingFill::quantity).sum();
        if (projected != chain.filled()) {
            found.addBreak(new Break(BreakKind.ORDER_FILLED, subject, "the order shows " + o.filledQuantity()
                    + " filled; with its parked and missing fills that is " + projected + ", KIS reports "
                    + chain.filled(), evidence.merge(Evidence.builder().local("parkedFills", parked.size())
                    .local("missingFills", missing.size()).build())));
            return;
        }
        List<Long> fillQuantities = new ArrayList<>();
        parked.forEach(f -> fillQuantities.add(f.quantity()));
        missing.forEach(m -> fillQuantities.add(m.quantity()));
        List<OrderEventType> beforeEvents = before.stream().map(Planned::event).toList();
        SettlementPlan.Result throughFills = SettlementPlan.simulate(o.state(), o.filledQuantity(), o.quantity(),
                beforeEvents, fillQuantities, List.of());
        if (!throughFills.legal()) {
            found.addBreak(new Break(BreakKind.ORDER_STATUS, subject, "KIS shows " + target + "; "
                    + throughFills.failure(), evidence));
            return;
        }
        After after = after(throughFills.finalState(), target, lo.pendingRequestTime(), chain, known, run);
        if (after.mismatch()) {
            found.addBreak(new Break(BreakKind.ORDER_STATUS, subject, "KIS shows " + target + ", the order is "
                    + o.state() + (fillQuantities.isEmpty() ? "" : " (" + throughFills.finalState()
                    + " after the fills)") + " and no legal transition brings it there", evidence));
            return;
        }
        SettlementPlan.Result plan = SettlementPlan.simulate(o.state(), o.filledQuantity(), o.quantity(),
                beforeEvents, fillQuantities, after.events().stream().map(Planned::event).toList());
        if (!plan.legal()) {
            found.addBreak(new Break(BreakKind.ORDER_STATUS, subject, "KIS shows " + target + "; " + plan.failure(),
                    evidence));
            return;
        }
        emit(lo, SettlementStage.BEFORE_FILLS, plan.before(), before, evidence, run);
        found.missingFills.addAll(missing);
        emit(lo, SettlementStage.AFTER_FILLS, plan.after(), after.events(), evidence, run);
    }

    private static OrderEventType identityEvent(OrderState brokerState) {
        switch (brokerState) {
            case ACKED:
                return RECONCILE_ACKED;
            case CANCELED:
                return RECONCILE_CANCELED;
            case REJECTED:
                return RECONCILE_ABSENT;
            default:
                // PARTIAL_FILLED or FILLED: the fills that follow complete it (FILLED takes no fills)
                return RECONCILE_PARTIAL;
        }
    }

    /**
     * After the fills the order is in state x; the broker says target. Which event closes the gap, if any.
     */
    private After after(OrderState x, OrderState target, Instant pendingSince, BrokerChain chain, Set<String> known,
                        Run run) {
        if (x == target || x == OrderState.EXPIRED && target == OrderState.CANCELED) {
            return After.none();
        }
        BrokerOrderRow unknownCancel = latestUnknownCancel(chain, known);
        boolean pendingOld = pendingSince != null
                && Duration.between(pendingSince, run.asOf()).compareTo(settings.inFlightGrace()) > 0;
        boolean listedOpen = run.openKeys().contains(chain.current().orderNoKey());
        if (target == OrderState.CANCELED) {
            if (x == OrderState.CANCEL_PENDING) {
                return After.of(new Planned(CANCEL_ACK, null, unknownCancel, null, "KIS shows the order cancelled"
                        + (unknownCancel == null ? "" : " by " + unknownCancel.orderNo())));
            }
            if (x == OrderState.ACKED || x == OrderState.PARTIAL_FILLED || x == OrderState.REPLACE_PENDING) {
                return After.of(new Planned(BROKER_CANCEL, null, unknownCancel, null, unknownCancel == null
                        ? "KIS shows the remainder lapsed (cancelled by the exchange)"
                        : "KIS shows the remainder cancelled by " + unknownCancel.orderNo()
                        + ", a cancel the gateway did not send"));
            }
        } else if (target == OrderState.ACKED || target == OrderState.PARTIAL_FILLED) {
            if (x == OrderState.CANCEL_PENDING) {
                if (unknownCancel != null) {
                    return After.of(new Planned(CANCEL_REJECT, null, unknownCancel, null, "KIS booked partial cancel "
                            + unknownCancel.orderNo() + " of " + unknownCancel.quantity() + "; the rest works on"));
                }
                if (pendingOld && listedOpen) {
                    return After.of(new Planned(CANCEL_REJECT, null, null, null, "no cancel booked at KIS "
                            + settings.inFlightGrace().toSeconds() + "s and more after it was requested; the order "
                            + "still works there"));
                }
                return After.none();
            }
            if (x == OrderState.REPLACE_PENDING) {
                if (pendingOld && listedOpen) {
                    return After.of(new Planned(REPLACE_REJECT, null, null, null, "no revision booked at KIS "
                            + settings.inFlightGrace().toSeconds() + "s and more after it was requested; the order "
                            + "still works there unchanged"));
                }
                return After.none();
            }
        } else if (target == OrderState.REJECTED && x == OrderState.ACKED) {
            return After.of(new Planned(REJECT, null, null, null, "KIS shows the order rejected (rjct_qty "
                    + chain.rejected() + ")"));
        }
        return After.mismatched();
    }

    private static Set<String> liveKeys(BrokerChain chain) {
        return chain.liveRows().stream().map(BrokerOrderRow::orderNoKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static BrokerOrderRow latestUnknownCancel(BrokerChain chain, Set<String> known) {
        List<BrokerOrderRow> cancels = chain.cancels().stream().filter(c -> !known.contains(c.orderNoKey())).toList();
        return cancels.isEmpty() ? null : cancels.get(cancels.size() - 1);
    }

    /** Row by row; null when a row is a break (then nothing of the order is settled). */
    private List<RowFills> compareFills(BrokerChain chain, UUID orderId, String subject, Run run) {
        List<RowFills> rows = new ArrayList<>();
        boolean problem = false;
        for (BrokerOrderRow row : chain.liveRows()) {
            RowFills r = gaps.compare(run.account(), orderId, row,
                    run.fillsByKey().getOrDefault(row.orderNoKey(), List.of()), run.asOf());
            run.found().fillsCompared++;
            if (r.hasProblem()) {
                run.found().addBreak(new Break(r.problem(), subject, r.problemSummary(), r.evidence()));
                problem = true;
            }
            rows.add(r);
        }
        return problem ? null : rows;
    }

    private static List<LocalFill> parkedFills(BrokerChain chain, Run run) {
        List<LocalFill> parked = new ArrayList<>();
        for (BrokerOrderRow row : chain.rows()) {
            run.fillsByKey().getOrDefault(row.orderNoKey(), List.of()).stream().filter(LocalFill::parked)
                    .forEach(parked::add);
        }
        return parked;
    }

    // ------------------------------------------------------------------ external orders

    private void external(BrokerChain chain, Run run) {
        Findings found = run.found();
        String subject = chain.subject();
        found.examined.add(subject);
        Evidence.Builder base = Evidence.builder().local("claimedBy", "none");
        chain.describe(base);
        Evidence evidence = base.build();
        if (chain.orphan()) {
            found.addBreak(new Break(BreakKind.ORDER_CHAIN, subject, "KIS lists " + chain.root().orderNo()
                    + " as a revision or cancel of " + chain.root().origOrderNo() + ", which it does not list",
                    evidence));
            return;
        }
        List<UUID> attachedTo = chain.rows().stream()
                .flatMap(r -> run.fillsByKey().getOrDefault(r.orderNoKey(), List.of()).stream())
                .map(LocalFill::orderId).filter(Objects::nonNull).distinct().sorted().toList();
        if (!attachedTo.isEmpty()) {
            found.addBreak(new Break(BreakKind.ORDER_CHAIN, subject, "fills of broker order " + chain.root().orderNo()
                    + " are attached to order(s) " + attachedTo + " that do not hold its number", evidence));
            return;
        }
        UUID id = ExternalOrder.idFor(run.account(), chain.rootKey());
        List<RowFills> rows = compareFills(chain, id, subject, run);
        if (rows == null) {
            return;
        }
        List<LocalFill> parked = parkedFills(chain, run);
        List<MissingFill> missing = rows.stream().map(RowFills::missing).filter(Objects::nonNull).toList();
        List<Long> fillQuantities = new ArrayList<>();
        parked.forEach(f -> fillQuantities.add(f.quantity()));
        missing.forEach(m -> fillQuantities.add(m.quantity()));
        OrderState initial = OrderState.ACKED;
        OrderState target = chain.state();
        SettlementPlan.Result throughFills = SettlementPlan.simulate(initial, 0, chain.quantity(), List.of(),
                fillQuantities, List.of());
        After after = throughFills.legal()
                ? after(throughFills.finalState(), target, null, chain, liveKeys(chain), run) : After.mismatched();
        SettlementPlan.Result plan = SettlementPlan.simulate(initial, 0, chain.quantity(), List.of(), fillQuantities,
                after.events().stream().map(Planned::event).toList());
        if (after.mismatch() || !plan.legal() || plan.finalState() != target) {
            found.addBreak(new Break(BreakKind.ORDER_STATUS, subject, "external order " + chain.root().orderNo()
                    + " cannot be recorded as " + target + (plan.legal() ? "" : ": " + plan.failure()), evidence));
            return;
        }
        BrokerOrderRow current = chain.current();
        String clientOrderId = "EXT-" + run.account() + "-" + chain.root().orderNo();
        found.externalOrders.add(new ExternalOrder(id, clientOrderId, run.account(), current.orderNo(),
                chain.root().orderNo(), chain.revisions().stream().map(BrokerOrderRow::orderNo).toList(),
                chain.cancels().stream().map(BrokerOrderRow::orderNo).toList(), chain.root().branch(),
                chain.root().symbol(), chain.root().side(), current.orderDivisionCode(), chain.quantity(),
                current.price(), chain.root().orderTime(), initial, target, chain.filled(), chain.avgFillPrice(),
                chain.remaining(), evidence));
        found.missingFills.addAll(missing);
        for (int i = 0; i < plan.after().size(); i++) {
            SettlementPlan.Step step = plan.after().get(i);
            Planned p = after.events().get(i);
            found.settlements.add(new Settlement(id, clientOrderId, SettlementStage.AFTER_FILLS, i, step.event(),
                    step.from(), step.to(), null, null, null, p.cancelRow() == null ? null : p.cancelRow().orderNo(),
                    null, p.reason(), evidence));
        }
    }

    // ------------------------------------------------------------------ output

    private static void emit(LocalOrder lo, SettlementStage stage, List<SettlementPlan.Step> steps,
                             List<Planned> planned, Evidence evidence, Run run) {
        for (int i = 0; i < steps.size(); i++) {
            SettlementPlan.Step step = steps.get(i);
            Planned p = planned.get(i);
            BrokerOrderRow n = p.numberRow();
            run.found().settlements.add(new Settlement(lo.orderId(), lo.order().clientOrderId(), stage, i,
                    step.event(), step.from(), step.to(), n == null ? null : n.orderNo(),
                    n == null ? null : n.branch(), n == null ? null : n.orderTime(),
                    p.cancelRow() == null ? null : p.cancelRow().orderNo(), p.newPrice(), p.reason(), evidence));
        }
    }

    private static void describeLocal(LocalOrder lo, Evidence.Builder e) {
        OrderRecord o = lo.order();
        e.local("orderId", o.orderId()).local("clientOrderId", o.clientOrderId()).local("state", o.state())
                .local("symbol", o.symbol()).local("side", o.side()).local("quantity", o.quantity())
                .local("price", o.price()).local("filled", o.filledQuantity()).local("avgFillPrice", o.avgFillPrice())
                .local("remaining", o.remainingQuantity())
                .local("orderNumbers", lo.numberKeys().isEmpty() ? "none" : String.join(",", lo.numberKeys()));
    }
}
