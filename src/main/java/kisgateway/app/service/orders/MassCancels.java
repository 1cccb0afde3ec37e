package kisgateway.app.service.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kisgateway.app.logging.SecretMask;
import kisgateway.order.CancelIntent;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.OrderAmender;
import kisgateway.order.OrderRecord;
import kisgateway.order.OrderRequestRecord;
import kisgateway.order.OutcomeNotRecorded;
import kisgateway.order.masscancel.JdbcMassCancelStore;
import kisgateway.order.masscancel.MassCancelOutcome;
import kisgateway.order.masscancel.MassCancelPlan;
import kisgateway.order.masscancel.MassCancelReport;
import kisgateway.order.masscancel.MassCancelRequest;
import kisgateway.order.masscancel.MassCancelTrigger;
import kisgateway.order.masscancel.UnknownMassCancel;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.KillSwitchKeys;
import kisgateway.risk.killswitch.KillSwitchScope;
import kisgateway.risk.killswitch.ScopeKind;
import kisgateway.risk.killswitch.TradingState;
import kisgateway.risk.killswitch.TradingStateEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mass cancels for the routes (routes/mass-cancel.camel.yaml): an operator's request read and checked, the runs a
 * kill switch in force calls for, and each run's steps: plan (which orders, {@link MassCancelPlan}), one cancel per
 * order through the order state machine ({@link OrderAmender#cancelUnscreened}), the report. Runs on the KIS
 * leader only; a follower forwards the operator's request.
 *
 * <p>Idempotent at two levels. A request id names one run: asked again when finished, an operator's request is
 * answered with its report and cancels nothing; a switch's run, named after the move, is resumed by every sweep.
 * Each order's cancel is recorded under an id of the run, the order and the order's version, in the transaction
 * that moves it to CANCEL_PENDING, so twin runs (two operators, two instances in a failover, a sweep) send one
 * cancel per order: the second finds the order CANCEL_PENDING, an illegal second cancel, and sends nothing.
 */
public final class MassCancels {

    private static final Logger LOG = LoggerFactory.getLogger(MassCancels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcMassCancelStore store;
    private final JdbcOrderStore orders;
    private final OrderAmender amender;
    private final KillSwitchBoard board;
    private final KillSwitchKeys keys;
    private final Set<String> accounts;
    private final Duration cancelTimeToLive;
    private final Clock clock;

    public MassCancels(JdbcMassCancelStore store, JdbcOrderStore orders, OrderAmender amender, KillSwitchBoard board,
                       KillSwitchKeys keys, Set<String> accounts, Duration cancelTimeToLive, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.amender = amender;
        this.board = board;
        this.keys = keys;
        this.accounts = Set.copyOf(accounts);
        this.cancelTimeToLive = cancelTimeToLive;
        this.clock = clock;
    }

    /** A run under way: its request, the orders to cancel in order, and whether it only answers an earlier one. */
    public record Run(MassCancelRequest request, List<OrderRecord> toCancel, boolean answered) {
    }

    /**
     * The operator's request, checked: a scope and key of this gateway's kill switches, body
     * {@code {"reason": "...", "requestId": "..."}} (requestId optional).
     *
     * @throws IllegalArgumentException (HTTP 400) with the reason, before anything is recorded
     */
    public MassCancelRequest fromOperator(String scope, String key, String body, String actor) {
        KillSwitchScope target = keys.scope(scope, key);
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body must be JSON {\"reason\": ..., \"requestId\": ...}");
        }
        if (request == null || !request.isObject() || !request.path("reason").isTextual()) {
            throw new IllegalArgumentException("body must say a reason: {\"reason\": ..., \"requestId\": ...}");
        }
        JsonNode id = request.path("requestId");
        if (!id.isMissingNode() && !id.isNull() && !id.isTextual()) {
            throw new IllegalArgumentException("requestId must be a string");
        }
        return MassCancelRequest.byOperator(id.isTextual() ? id.asText() : null, UUID.randomUUID().toString(), target,
                actor, request.path("reason").asText(), clock.instant());
    }

    /** The request as the leader is to read it again: the same id, so that a repeated forward is the same run. */
    public String forwardBody(MassCancelRequest request) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestId", request.requestId());
        n.put("reason", request.reason());
        return n.toString();
    }

    /** The runs the kill switches in force call for now: those whose scope has resting orders to cancel. */
    public List<MassCancelRequest> dueForSwitches() {
        List<MassCancelRequest> due = new ArrayList<>();
        for (TradingStateEntry e : board.snapshot().values()) {
            if (e.state() == TradingState.ACTIVE) {
                continue;
            }
            MassCancelRequest r = MassCancelRequest.forSwitch(e);
            if (!plan(r).toCancel().isEmpty()) {
                due.add(r);
            }
        }
        // the widest first: a GLOBAL halt's run takes what an account's would
        due.sort(java.util.Comparator.comparing((MassCancelRequest r) -> r.scope().kind()));
        return due;
    }

    /** Of these runs, those whose scope has resting orders to cancel now (a run with nothing to do is not begun). */
    public List<MassCancelRequest> withOrdersToCancel(List<MassCancelRequest> requests) {
        return requests.stream().filter(r -> !plan(r).toCancel().isEmpty()).toList();
    }

    /** Records the run (or finds it) and what it leaves, and answers the orders to cancel, most urgent first. */
    public Run start(MassCancelRequest request) {
        if (request.trigger() == MassCancelTrigger.OPERATOR) {
            var earlier = store.report(request.requestId());
            if (earlier.isPresent() && earlier.get().finishedAt() != null) {
                MassCancelRequest was = earlier.get().request();
                if (!was.scope().equals(request.scope())) {
                    throw new IllegalArgumentException("requestId '" + request.requestId() + "' already names a mass "
                            + "cancel of " + was.scope() + ": choose another id");
                }
                LOG.info("mass cancel asked again request={} scope={}: answered with its report", request.requestId(),
                        request.scope());
                return new Run(was, List.of(), true);
            }
        }
        JdbcMassCancelStore.Begun begun = store.begin(request);
        if (!inForce(request)) {
            // the sweep saw the switch, and it moved before the run began: nothing of it is due any more
            LOG.info("mass cancel skipped request={} scope={}: the switch moved since", request.requestId(),
                    request.scope());
            return new Run(request, List.of(), false);
        }
        MassCancelPlan plan = plan(request);
        for (MassCancelPlan.Left l : plan.left()) {
            store.record(request.requestId(), l.order(), l.outcome(), l.order().state().name(), l.why(), false);
        }
        LOG.warn("mass cancel started request={} scope={} mode={} trigger={} actor={} resumed={} toCancel={} left={}",
                request.requestId(), request.scope(), request.mode(), request.trigger(), request.actor(),
                begun.existed(), plan.toCancel().size(), plan.left().size());
        return new Run(request, plan.toCancel(), false);
    }

    /** Cancels one order of the run and records what came of it; never throws for the order's own failure. */
    public MassCancelOutcome cancelOne(Run run, OrderRecord order) {
        if (!inForce(run.request())) {
            // lifted (or moved again) while the run went down its list: the orders left stay
            store.record(run.request().requestId(), order, MassCancelOutcome.KEPT, order.state().name(),
                    "the switch moved before this order's cancel", true);
            return MassCancelOutcome.KEPT;
        }
        String requestId = "masscancel:" + run.request().requestId() + ":" + order.orderId() + ":v" + order.version();
        MassCancelOutcome outcome;
        String state;
        String detail;
        try {
            OrderRecord after = amender.cancelUnscreened(new CancelIntent(requestId, order.clientOrderId(),
                    order.account(), order.strategyId(), 0, cancelTimeToLive, clock.instant()));
            OrderRequestRecord recorded = orders.request(order.strategyId(), requestId).orElse(null);
            outcome = MassCancelOutcome.of(after.state(), recorded == null ? null : recorded.state());
            state = after.state().name();
            detail = recorded == null ? null : recorded.reason();
        } catch (OutcomeNotRecorded e) {
            outcome = MassCancelOutcome.FAILED;
            state = order.state().name();
            detail = "the cancel may have left; its outcome was not recorded and reconciliation settles it";
        } catch (RuntimeException e) {
            outcome = MassCancelOutcome.FAILED;
            state = order.state().name();
            detail = SecretMask.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        LOG.info("mass cancel order request={} order={} account={} symbol={} outcome={} state={}",
                run.request().requestId(), order.orderId(), order.account(), order.symbol(), outcome, state);
        store.record(run.request().requestId(), order, outcome, state, detail, true);
        return outcome;
    }

    /**
     * An operator's run is in force until it is done; a switch's only while the switch is as the run found it (the
     * same state, moved at the same instant): a switch lifted between the sweep and the cancels cancels no more.
     */
    private boolean inForce(MassCancelRequest request) {
        if (request.trigger() != MassCancelTrigger.KILL_SWITCH) {
            return true;
        }
        TradingStateEntry now = board.snapshot().get(request.scope());
        return now != null && now.state() == request.mode()
                && now.changedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .equals(request.requestedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** Closes the run and answers its report as JSON. */
    public String answer(Run run) {
        MassCancelReport report = run.answered() ? store.report(run.request().requestId()).orElseThrow()
                : store.finish(run.request().requestId());
        if (!run.answered()) {
            LOG.warn("mass cancel finished request={} scope={} canceled={} filled={} ambiguous={} refused={} "
                            + "notSent={} inFlight={} kept={} failed={}", report.request().requestId(),
                    report.request().scope(), report.count(MassCancelOutcome.CANCELED),
                    report.count(MassCancelOutcome.FILLED), report.count(MassCancelOutcome.AMBIGUOUS),
                    report.count(MassCancelOutcome.REFUSED), report.count(MassCancelOutcome.NOT_SENT),
                    report.count(MassCancelOutcome.IN_FLIGHT), report.count(MassCancelOutcome.KEPT),
                    report.count(MassCancelOutcome.FAILED));
        }
        return view(report).toString();
    }

    /** GET /api/admin/mass-cancels/{requestId}. */
    public String report(String requestId) {
        return store.report(requestId).map(r -> view(r).toString())
                .orElseThrow(() -> new UnknownMassCancel("no mass cancel '" + requestId + "'"));
    }

    private MassCancelPlan plan(MassCancelRequest request) {
        List<OrderRecord> working = new ArrayList<>();
        Map<String, Map<String, Long>> positions = new HashMap<>();
        for (String account : accounts) {
            if (request.scope().kind() == ScopeKind.ACCOUNT && !request.scope().key().equals(account)) {
                continue;
            }
            working.addAll(orders.working(account));
            if (request.mode() == TradingState.REDUCING) {
                positions.put(account, store.positions(account));
            }
        }
        return MassCancelPlan.of(request, working,
                (account, symbol) -> positions.getOrDefault(account, Map.of()).getOrDefault(symbol, 0L));
    }

    private static ObjectNode view(MassCancelReport r) {
        ObjectNode n = JSON.createObjectNode();
        MassCancelRequest q = r.request();
        n.put("requestId", q.requestId());
        n.put("scope", q.scope().kind().name());
        n.put("key", q.scope().key());
        n.put("mode", q.mode().name());
        n.put("trigger", q.trigger().name());
        n.put("requestedBy", q.actor());
        n.put("reason", q.reason());
        n.put("requestedAt", q.requestedAt().toString());
        n.put("startedAt", r.startedAt().toString());
        n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        n.put("runs", r.runs());
        ObjectNode counts = n.putObject("counts");
        for (MassCancelOutcome o : MassCancelOutcome.values()) {
            counts.put(o.name(), r.count(o));
        }
        ArrayNode list = n.putArray("orders");
        for (MassCancelReport.Line l : r.orders()) {
            ObjectNode o = list.addObject();
            o.put("orderId", l.orderId().toString());
            o.put("clientOrderId", l.clientOrderId());
            o.put("strategyId", l.strategyId());
            o.put("account", l.account());
            o.put("symbol", l.symbol());
            o.put("side", l.side());
            o.put("outcome", l.outcome().name());
            o.put("orderState", l.orderState());
            o.put("detail", l.detail());
        }
        return n;
    }
}
