package kisgateway.app.service.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import kisgateway.app.broker.TransactedPublisher;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.fill.ExecutionNoticeApplier;
import kisgateway.fill.FillBook;
import kisgateway.fill.FillOutcome;
import kisgateway.kis.KisAccount;
import kisgateway.kis.KisEnvironment;
import kisgateway.kis.rest.KisInquiryApi;
import kisgateway.order.JdbcOrderStore;
import kisgateway.reconcile.ExternalOrder;
import kisgateway.reconcile.MissingFill;
import kisgateway.reconcile.ReconciliationOutcome;
import kisgateway.reconcile.ReconciliationSettings;
import kisgateway.reconcile.Reconciler;
import kisgateway.reconcile.ResolvedBreak;
import kisgateway.reconcile.StillOpenBreak;
import kisgateway.app.service.jobs.TicketPublishing;
import kisgateway.ops.tickets.BreakTickets;
import kisgateway.reconcile.Settlement;
import kisgateway.reconcile.SettlementStage;
import kisgateway.reconcile.snapshot.BrokerSnapshot;
import kisgateway.reconcile.snapshot.LocalSnapshot;
import kisgateway.risk.session.KrxSessionCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of an account, end to end: the run recorded (never two at once), the broker's books read
 * (every page) and then the gateway's, the decision taken by the pure {@link Reconciler}, and what it says
 * applied in the order that keeps the state machine legal: orders found outside the gateway, settlements before
 * fills, the fills that beat their order number, the missing fills (through the fill path, de-duplicated by
 * id), settlements after fills, then the breaks opened and resolved and published on kis.recon.breaks.
 *
 * <p>A run that fails half-way leaves what it applied applied: each step is idempotent (deterministic fill ids,
 * settlements re-derived from the new state), so the next run finishes the work instead of doubling it.
 */
public final class ReconciliationService {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationService.class);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final com.fasterxml.jackson.databind.ObjectMapper LEADER_ANSWER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final KisAccounts accounts;
    private final BrokerBooks broker;
    private final LocalBooks local;
    private final ReconciliationRuns runs;
    private final JdbcOrderStore orders;
    private final FillBook fills;
    private final ExecutionNoticeApplier notices;
    private final TransactedPublisher publisher;
    private final ReconciliationSettings settings;
    private final KrxSessionCalendar calendar;
    private final Clock clock;
    private final ReconciliationTurns turns;
    private final Map<String, BrokerSnapshot> lastBroker = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    /** How far KIS's clock is from this host's, either way (zero while unknown). */
    private final Supplier<Duration> clockSkew;
    private final BreakTickets tickets;
    private final TicketPublishing ticketMessages;

    public ReconciliationService(KisAccounts accounts, KisInquiryApi inquiry, KisEnvironment environment,
                                 DataSource dataSource, JdbcOrderStore orders, FillBook fills,
                                 ExecutionNoticeApplier notices, jakarta.jms.ConnectionFactory connections,
                                 ReconciliationSettings settings, KrxSessionCalendar calendar, MeterRegistry meters,
                                 Clock clock, Supplier<Duration> clockSkew, Duration peerPoll, Duration peerWait,
                                 BreakTickets tickets, TicketPublishing ticketMessages) {
        this.accounts = accounts;
        this.broker = new BrokerBooks(inquiry, environment, clock);
        this.local = new LocalBooks(dataSource, orders);
        this.runs = new ReconciliationRuns(dataSource, clock);
        this.orders = orders;
        this.fills = fills;
        this.notices = notices;
        this.publisher = new TransactedPublisher(connections);
        this.settings = settings;
        this.calendar = calendar;
        this.meters = meters;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.turns = new ReconciliationTurns(runs, peerPoll, peerWait);
        this.tickets = tickets;
        this.ticketMessages = ticketMessages;
    }

    /** Every account, one after the other. @return what each run ended with */
    public List<RunRecord> reconcileAll(String trigger) {
        List<RunRecord> out = new ArrayList<>();
        RuntimeException first = null;
        for (KisAccount a : accounts.all()) {
            try {
                out.add(reconcile(a.alias(), trigger));
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /**
     * Until every account's first run succeeded (start-up), each call runs the accounts still waiting; an account
     * another instance is running counts that run once it succeeded (the books are shared).
     */
    public List<RunRecord> reconcileUntilFirstSuccess(String trigger) {
        List<RunRecord> out = new ArrayList<>();
        for (KisAccount a : accounts.all()) {
            turns.untilFirstSuccess(a.alias(), trigger, turn -> timed(a.alias(), turn)).ifPresent(out::add);
        }
        return out;
    }

    /** The KIS leader's answer to a follower's start-up: see {@link ReconciliationTurns#forPeer}. */
    public List<RunRecord> reconcileForPeer(String trigger) {
        List<RunRecord> out = new ArrayList<>();
        for (KisAccount a : accounts.all()) {
            out.add(turns.forPeer(a.alias(), trigger, turn -> timed(a.alias(), turn)));
        }
        return out;
    }

    /** Whether an account's first run has still to succeed (a follower then asks the KIS leader for one). */
    public boolean awaitsFirstSuccess() {
        return accounts.all().stream().anyMatch(a -> !turns.succeededOnce(a.alias()));
    }

    /**
     * A follower's start-up: the runs the KIS leader answered with
     * ({@link kisgateway.app.adapter.api.ReconciliationAnswers#runs}); each that succeeded counts as this instance's
     * first, as a peer's run does at the leader's own start-up.
     *
     * @return how many accounts it counted
     */
    public int countLeaderRuns(String answer) {
        int counted = 0;
        try {
            com.fasterxml.jackson.databind.JsonNode runsAnswered = LEADER_ANSWER.readTree(answer);
            if (!runsAnswered.isArray()) {
                LOG.warn("reconciliation asked of the KIS leader failed: {}", answer);
                return 0;
            }
            for (com.fasterxml.jackson.databind.JsonNode run : runsAnswered) {
                String account = run.path("account").asText();
                if ("SUCCEEDED".equals(run.path("outcome").asText()) && accounts.aliases().contains(account)) {
                    turns.countSucceededElsewhere(account, "PEER_STARTUP", run.path("runId").asLong());
                    counted++;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("the KIS leader's answer to a reconciliation is not JSON: {}", e.getOriginalMessage());
        }
        return counted;
    }

    /** The timer's call: only on a trading day of the gateway's calendar, from the pre-market to the evening. */
    public List<RunRecord> reconcileIfTrading(String trigger) {
        var now = clock.instant().atZone(KST);
        if (!calendar.isTradingDay(now.toLocalDate()) || now.getHour() < 8 || now.getHour() >= 20) {
            return List.of();
        }
        return reconcileAll(trigger);
    }

    public RunRecord reconcile(String account, String trigger) {
        return turns.take(account, trigger, turn -> timed(account, turn));
    }

    private ReconciliationOutcome timed(String account, ReconciliationTurns.Turn turn) {
        Timer.Sample sample = Timer.start(meters);
        try {
            return run(account, turn);
        } finally {
            sample.stop(meters.timer("kis.recon.run", "account", account));
        }
    }

    private ReconciliationOutcome run(String account, ReconciliationTurns.Turn turn) {
        KisAccount kisAccount = accounts.require(account);
        LocalDate day = clock.instant().atZone(KST).toLocalDate();
        BrokerSnapshot brokerBooks = broker.read(kisAccount, day);
        lastBroker.put(account, brokerBooks);
        try {
            Optional<BigDecimal> opening = runs.openingCash(account, day);
            LocalSnapshot localBooks = local.read(account, day, clock.instant(), opening.orElse(null));
            if (opening.isEmpty() && brokerBooks.cash() != null) {
                // the day's first run: what the broker holds now, less the fills the gateway already knows
                BigDecimal baseline = settings.cashMeasure().of(brokerBooks.cash())
                        .subtract(LocalBooks.netCash(localBooks.fills()));
                runs.recordOpeningCash(account, day, baseline, settings.cashMeasure().name());
                localBooks = local.read(account, day, clock.instant(), baseline);
            }
            // KIS stamps its orders on its own clock, the gateway its sends on this host's
            ReconciliationOutcome outcome = Reconciler.reconcile(localBooks, brokerBooks,
                    settings.withMatchWindowWidenedBy(clockSkew.get()), clock.instant());
            // the books change only while no other instance can have taken the account over
            turn.confirmHeld();
            apply(account, turn.runId(), outcome);
            return outcome;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the gateway's books failed: " + e.getMessage(), e);
        }
    }

    private void apply(String account, long runId, ReconciliationOutcome outcome) {
        for (ExternalOrder x : outcome.externalOrders()) {
            List<String> others = new ArrayList<>(x.revisionOrderNos());
            others.addAll(x.cancelOrderNos());
            if (orders.recordExternal(x.orderId(), x.clientOrderId(), account, x.symbol(), x.side(), x.orderDivisionCode(),
                    x.quantity(), x.price(), x.kisOrderNo(), x.kisBranchNo(), x.orderTime(), x.initialState(), others,
                    Map.copyOf(x.evidence().broker()))) {
                LOG.warn("order placed outside the gateway recorded account={} odno={} symbol={} side={} qty={}", account,
                        x.kisOrderNo(), x.symbol(), x.side(), x.quantity());
            }
        }
        settle(outcome, SettlementStage.BEFORE_FILLS);
        for (Settlement s : outcome.settlements(SettlementStage.BEFORE_FILLS)) {
            orders.byId(s.orderId()).ifPresent(notices::catchUp);
        }
        for (ExternalOrder x : outcome.externalOrders()) {
            orders.byId(x.orderId()).ifPresent(notices::catchUp);
        }
        for (MissingFill m : outcome.missingFills()) {
            FillOutcome recorded = fills.recordInferred(account, m.kisOrderNo(), m.symbol(), m.side(), m.quantity(),
                    m.price(), m.occurredAt(), m.cumulativeAfter(), m.source());
            LOG.info("missing fill {} account={} odno={} qty={} price={}", recorded instanceof FillOutcome.Recorded
                    ? "recorded" : "already known", account, m.kisOrderNo(), m.quantity(), m.price());
        }
        settle(outcome, SettlementStage.AFTER_FILLS);
        runs.openBreaks(runId, account, outcome.newBreaks());
        runs.resolveBreaks(runId, outcome.resolvedBreaks());
        outcome.newBreaks().forEach(b -> {
            meters.counter("kis.recon.breaks.opened", "account", account, "kind", b.kind().name()).increment();
            LOG.warn("reconciliation break account={} kind={} subject={} summary={}", account, b.kind(), b.subject(),
                    b.summary());
        });
        for (ResolvedBreak r : outcome.resolvedBreaks()) {
            meters.timer("kis.recon.breaks.time.to.resolve", "account", account, "kind", r.open().kind().name())
                    .record(r.timeToResolve());
        }
        publishBreaks();
        ticketBreaks(account, outcome);
    }

    /**
     * Each break's ticket follows it (opened, updated with fresh evidence, closed), read from the breaks table so
     * that a run that died before this point is caught up now; then the changes go on kis.ops.tickets.
     */
    private void ticketBreaks(String account, ReconciliationOutcome outcome) {
        Map<Long, BreakTickets.Finding> current = new java.util.HashMap<>();
        for (StillOpenBreak s : outcome.stillOpenBreaks()) {
            s.current().ifPresent(b -> current.put(s.open().breakId(), new BreakTickets.Finding(b.summary(),
                    EvidenceJson.of(b.evidence().local()), EvidenceJson.of(b.evidence().broker()))));
        }
        BreakTickets.Changes changes = tickets.sync(account, current);
        if (changes.total() > 0) {
            LOG.info("break tickets account={} opened={} updated={} closed={}", account, changes.opened(),
                    changes.updated(), changes.closed());
        }
        ticketMessages.publishQuietly();
    }

    private void settle(ReconciliationOutcome outcome, SettlementStage stage) {
        for (Settlement s : outcome.settlements(stage)) {
            var t = orders.transition(s.orderId(), s.event(), s.orderChange());
            LOG.info("reconciliation settled order={} event={} {} -> {}{}", s.orderId(), s.event(), t.from(), t.to(),
                    t.legal() ? "" : " (refused by the state machine, recorded)");
        }
    }

    /** Breaks not yet on kis.recon.breaks go now; a failure leaves them for the next run. */
    public int publishBreaks() {
        List<BreakMessage> pending = runs.unpublishedBreaks();
        if (pending.isEmpty()) {
            return 0;
        }
        try {
            publisher.send("kis.recon.breaks", false, pending.stream().map(b -> new TransactedPublisher.Outgoing(
                    "break-" + b.breakId(), b.json(), Map.of("account", b.account(), "kind", b.kind()))).toList());
            runs.markBreaksPublished(pending.stream().map(BreakMessage::breakId).toList());
            return pending.size();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("publishing breaks failed: " + e.getMessage(), e);
        }
    }

    /** What the last run of each account found, for the readiness check and the daily report. */
    public Map<String, RunRecord> lastRuns() {
        return turns.lastRuns();
    }

    public Optional<BrokerSnapshot> lastBrokerBooks(String account) {
        return Optional.ofNullable(lastBroker.get(account));
    }

    public ReconciliationSettings settings() {
        return settings;
    }

    /**
     * How a run ended. A SKIPPED run's id is the run it gave way to (-1 when unknown), its error why it was
     * skipped; a run of another instance counted at start-up has that run's id and no result.
     */
    public record RunRecord(String account, String trigger, long runId, String outcome, boolean succeededOnce,
                            String lastError, ReconciliationOutcome result) {
        static RunRecord succeeded(String account, String trigger, long runId, ReconciliationOutcome result) {
            return new RunRecord(account, trigger, runId, "SUCCEEDED", true, null, result);
        }

        static RunRecord succeededElsewhere(String account, String trigger, long runId) {
            return new RunRecord(account, trigger, runId, "SUCCEEDED", true, null, null);
        }

        static RunRecord failed(String account, String trigger, long runId, String error) {
            return new RunRecord(account, trigger, runId, "FAILED", false, error, null);
        }

        static RunRecord skipped(String account, String trigger, long gaveWayTo, String why) {
            return new RunRecord(account, trigger, gaveWayTo, "SKIPPED", false, why, null);
        }

        /** Skipped for a run that may end soon, here or on another instance. */
        boolean skippedForPeer() {
            return "SKIPPED".equals(outcome);
        }

        RunRecord withLastFailure(String error) {
            return new RunRecord(account, trigger, runId, "FAILED", true, error, result);
        }
    }

}
