package kisgateway.app.wiring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import kisgateway.app.service.leadership.KisLeadership;
import kisgateway.app.service.leadership.LeaderElection;
import kisgateway.app.console.OperatorLogins;
import kisgateway.app.service.jobs.TicketPublishing;
import kisgateway.app.service.jobs.TicketWebhookJob;
import kisgateway.app.service.jobs.TicketWebhookSettings;
import kisgateway.ops.appkeys.AppKeyActivity;
import kisgateway.app.adapter.api.DatabaseStall;
import kisgateway.app.adapter.api.TradingStateAdmin;
import kisgateway.app.adapter.jmx.TradingStateControl;
import kisgateway.app.broker.OutboxRelay;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.service.reconciliation.DailyReportAssembler;
import kisgateway.app.adapter.api.ReconciliationAnswers;
import kisgateway.app.health.ReconciliationHealthCheck;
import kisgateway.app.service.reconciliation.ReconciliationService;
import kisgateway.reconcile.ReconciliationSettings;
import kisgateway.app.adapter.realtime.KisRealtimeComponent;
import kisgateway.app.health.KisStreamHealthCheck;
import kisgateway.app.service.streams.NoticeStreamHealth;
import kisgateway.app.service.streams.RealtimeSessions;
import kisgateway.app.service.streams.TradeStreamSubscriptions;
import kisgateway.fill.BackfillQueue;
import kisgateway.fill.ExecutionNoticeApplier;
import kisgateway.fill.FillBackfill;
import kisgateway.fill.FillBook;
import kisgateway.fill.NoticeStreamWatch;
import kisgateway.fill.ParkedNotices;
import kisgateway.kis.ws.RealtimeSessionSettings;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.service.kisaccess.KisAccounts;
import kisgateway.app.service.kisaccess.KisClients;
import kisgateway.app.health.KisTokenHealthCheck;
import kisgateway.app.service.kisaccess.TokenRefresher;
import kisgateway.order.DatabaseRiskInputs;
import kisgateway.order.GatedPreTradeCheck;
import kisgateway.order.IntentParser;
import kisgateway.order.IntentSenderBinding;
import kisgateway.order.JdbcConductHistory;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.MarketPrices;
import kisgateway.order.OrderAmender;
import kisgateway.order.OrderEventOutbox;
import kisgateway.order.OrderIntake;
import kisgateway.order.OrderSender;
import kisgateway.order.StrategyPermissions;
import kisgateway.risk.PreTradeGate;
import kisgateway.risk.RiskSettings;
import kisgateway.risk.compliance.JdbcComplianceAlertStore;
import kisgateway.risk.killswitch.JdbcTradingStateStore;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.killswitch.TradingStateListener;
import kisgateway.risk.session.KrxSessionCalendar;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.spi.Registry;

/**
 * The gateway's Java beans, built once from the configuration and the infrastructure, and bound by name for
 * the routes. Holds no logic of its own: the knowledge is in kisgateway.kis, order and risk.
 */
public final class GatewayServices implements AutoCloseable {

    /** The strategy id of orders placed outside the gateway, which reconciliation records (JdbcOrderStore). */
    static final String EXTERNAL_STRATEGY = "external";

    private final Map<String, Object> beans = new HashMap<>();
    private final PrometheusMeterRegistry meters;
    private final KisClients kis;
    private final JdbcOrderStore orders;
    private final KillSwitchBoard killSwitches;
    private final KrxSessionCalendar calendar;
    private final RealtimeSessions realtimeSessions;
    private final CamelClusterService clusterService;
    private final String instanceId;
    private final KisLeadership kisLeadership;
    private final ObjectName tradingStateMBean;
    private final OutboxRelay outboxRelay;
    private final kisgateway.app.broker.ParentEventRelay parentEventRelay;
    private TicketPublishing ticketPublishing;
    private final MarketPrices prices;
    private final TradingStateListener killSwitchListener;
    private final DatabaseStall databaseStall;
    private java.util.concurrent.ExecutorService massCancelThreads;
    private volatile ObjectName massCancelMBean;
    private final ObjectName rolloutMBean;

    private GatewayServices(GatewayConfig config, GatewayInfrastructure infrastructure, OperatorLogins operator) {
        Clock clock = infrastructure.clock();
        DataSource dataSource = infrastructure.dataSource().dataSource();
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KisAccounts accounts = KisAccounts.fromConfig(config);
        if (accounts.isEmpty()) {
            throw new ConfigurationException("no KIS account configured: set kis.accounts and kis.account.<alias>.*");
        }
        AppKeyActivity keyActivity = new AppKeyActivity(clock);
        kis = KisClients.create(config, accounts, dataSource, meters, clock, keyActivity::answered);
        orders = new JdbcOrderStore(dataSource, clock);

        RiskSettings riskSettings = RiskSettings.fromProperties(config.withPrefix("risk.").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> "risk." + e.getKey(), Map.Entry::getValue)));
        calendar = KrxSessionCalendar.fromSettings(riskSettings.session());
        killSwitches = KillSwitchBoard.load(new JdbcTradingStateStore(dataSource), clock);
        int streamedSymbols = config.integer("orders.last-price-stream.max-symbols");
        if (streamedSymbols > kis.environment().webSocketRegistrationLimit() - 1) {
            throw new ConfigurationException("orders.last-price-stream.max-symbols = " + streamedSymbols + ": KIS allows "
                    + kis.environment().webSocketRegistrationLimit() + " realtime registrations, one is the notice's");
        }
        // the registrations a session has for trades: KIS's 41 less the notice's; last prices and strategies' ticks
        int tradeRegistrations = kis.environment().webSocketRegistrationLimit() - 1;
        kisgateway.kis.ws.TradeFeed tradeFeed;
        try {
            tradeFeed = kisgateway.kis.ws.TradeFeed.of(config.require("market.trades.feed"),
                    kis.environment().isPaper());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("market.trades.feed: " + e.getMessage());
        }
        TradeStreamSubscriptions tradeStream = new TradeStreamSubscriptions(streamedSymbols,
                new kisgateway.market.TradeRegistrations(tradeRegistrations,
                        config.millis("market.ticks.release-hold-ms"),
                        config.integer("market.ticks.max-releases-per-minute")), tradeFeed.trId());
        prices = new MarketPrices(kis.inquiry(), accounts::require,
                new MarketPrices.Freshness(config.millis("orders.last-price-max-age-ms"),
                        config.millis("orders.last-price-refresh-after-ms")),
                new MarketPrices.Freshness(config.millis("orders.last-price-streamed-max-age-ms"),
                        config.millis("orders.last-price-streamed-refresh-after-ms")), tradeStream, clock);
        instanceId = LeaderElection.newInstanceId();
        clusterService = LeaderElection.clusterService(config, instanceId);
        kisLeadership = new KisLeadership(clusterService, config.require("cluster.leader-namespace"), meters);
        // Only the leader calls KIS's REST API: a follower's budgets stay closed. A new leader waits one window before
        // its first call (the instance before may have sent a second's calls on any of the keys); a leader that
        // loses the lead refuses what still waits for a slot rather than send it on top of the new leader's.
        accounts.all().forEach(a -> kis.budgets().forAppKey(a.appKey()).close("not the KIS leader"));
        kisLeadership.onGain(() -> accounts.all().forEach(a -> {
            var budget = kis.budgets().forAppKey(a.appKey());
            budget.assumeWindowFull();
            budget.open();
        }));
        kisLeadership.onLoss(() -> accounts.all().forEach(a -> kis.budgets().forAppKey(a.appKey())
                .close("another instance leads the cluster")));
        beans.put("kisLeadership", kisLeadership);
        kisgateway.ops.appkeys.AppKeyLiveness appKeys = AppKeyLivenessWiring.wire(config, accounts,
                dataSource, keyActivity, kis.inquiry(), calendar, meters, clock, beans);
        DrillWiring.wire(config, accounts.aliases(), dataSource, orders, killSwitches, prices,
                riskSettings.ticks().stockTable(), calendar, meters, clock, beans);
        beans.put("forwardWait", new kisgateway.app.service.leadership.ForwardWait(config.millis("cluster.forward.margin-ms"),
                config.millis("cluster.forward.timeout-ms")));
        // The gate's conduct windows are rebuilt from the books before its first screening and again after every
        // gain of the KIS leadership (its epoch): the instance before screened what this one has not seen.
        java.util.function.LongSupplier leadershipEpoch = kisLeadership::epoch;
        StrategyPermissions permissions = strategyPermissions(config, accounts.aliases());
        rolloutMBean = rollout(config, dataSource, accounts.aliases(), permissions, operator, clock);
        kisgateway.risk.rollout.RolloutBoard phases = bean("rolloutBoard");
        java.util.Map<String, kisgateway.risk.profile.StrategyProfile> profiles =
                StrategyProfileWiring.profiles(config, permissions.strategyIds());
        // the strategy's own profile after the standing limits, before the rollout caps
        PreTradeGate gate = PreTradeGate.create(riskSettings, calendar, killSwitches,
                new DatabaseRiskInputs(dataSource, prices, clock), clock, new JdbcConductHistory(dataSource),
                leadershipEpoch, java.util.List.of(new kisgateway.risk.profile.StrategyProfileCheck(profiles),
                        new kisgateway.risk.rollout.PilotCapCheck(phases, bean("pilotCaps"), bean("rampGate"))));
        GatedPreTradeCheck riskCheck = new GatedPreTradeCheck(gate, orders, new JdbcComplianceAlertStore(dataSource),
                prices, clock);

        beans.put("metricsRegistry", meters);
        beans.put("kisClients", kis);
        beans.put("kisAccounts", accounts);
        beans.put("tokenRefresher", new TokenRefresher(accounts, kis.tokens(), kis.approvalKeys()));
        beans.put("kisTokenHealthCheck", new KisTokenHealthCheck(accounts, kis.tokens()));
        beans.put("orderStore", orders);
        beans.put("marketPrices", prices);
        beans.put("tradeStreamSubscriptions", tradeStream);
        tradeStream.whenReleased(prices::streamLost);
        beans.put("lastPriceSharing", new kisgateway.order.LastPriceSharing(prices,
                config.millis("orders.last-price-share-lease-ms"), clock));
        io.micrometer.core.instrument.Gauge.builder("kis.prices.streamed.symbols", prices, MarketPrices::streamedSymbols)
                .description("symbols whose last price KIS's trade stream keeps current (the rest are polled)")
                .register(meters);
        beans.put("intentParser", new IntentParser(accounts.aliases(), config.millis("orders.default-ttl-ms"),
                config.millis("orders.max-ttl-ms"), config.longValue("orders.max-quantity"), clock,
                ParentOrderWiring.intentParser(config)));
        beans.put("strategyPermissions", permissions);
        beans.put("intentSenderBinding", intentSenderBinding(config, permissions.strategyIds()));
        java.util.function.BiPredicate<String, String> inShadow =
                (account, strategy) -> phases.effectivePhase(account, strategy) == kisgateway.risk.rollout.RolloutPhase.SHADOW;
        beans.put("orderIntake", new OrderIntake(orders, inShadow));
        // the shadow sends' own count, per account, apart from the app keys' budgets (which they never touch)
        beans.put("shadowSender", new kisgateway.order.ShadowSender(orders, kis.trading(), accounts::require, inShadow,
                account -> io.micrometer.core.instrument.Counter.builder("kis.rollout.shadow.requests")
                        .description("KIS requests SHADOW orders would have sent: recorded, never sent")
                        .tag("account", account).register(meters).increment(), clock));
        beans.put("preTradeCheck", riskCheck);
        Timer overhead = Timer.builder("kis.order.gateway.overhead")
                .description("an order's time from intake to its HTTP request leaving, without the wait for a send slot")
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram()
                // the order pipeline's target (p99 within 5 ms) as a bucket of its own, for alerts and the bench
                .serviceLevelObjectives(java.time.Duration.ofMillis(5)).register(meters);
        beans.put("intakeStamp", new kisgateway.app.adapter.api.IntakeStamp());
        beans.put("orderSender", new OrderSender(orders, kis.trading(), accounts::require, clock,
                nanos -> overhead.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS)));
        OrderAmender amender = new OrderAmender(orders, kis.trading(), accounts::require, riskCheck);
        beans.put("orderAmender", amender);
        beans.put("orderEventOutbox", new OrderEventOutbox(orders));
        beans.put("workingLevelFold", new kisgateway.order.WorkingLevelFold(dataSource));
        databaseStall = databaseStall(infrastructure);
        beans.put("databaseStall", databaseStall);
        beans.put("orderApiResponses", new kisgateway.app.adapter.api.OrderApiResponses(orders, databaseStall));

        FillBook fillBook = new FillBook(dataSource, orders, clock);
        BackfillQueue backfillQueue = new BackfillQueue(config.millis("fills.backfill.delay-ms"), clock);
        ParentOrderWiring.Parts parents = ParentOrderWiring.wire(config,
                dataSource, orders, accounts, kis.budgets().settings().permitsPerSecond(), riskCheck, prices, calendar, killSwitches,
                infrastructure.brokerConnection().unpooledConnectionFactory(), clock, beans);
        parentEventRelay = parents.relay();
        java.util.function.Consumer<java.util.List<kisgateway.kis.ws.TradePrint>> participation =
                ParticipationWiring.wire(config, dataSource, killSwitches, clock, beans);
        java.util.Map<String, java.util.function.Consumer<java.util.List<kisgateway.kis.ws.TradePrint>>> taps =
                new java.util.LinkedHashMap<>();
        taps.put("participation", participation);
        taps.put("strategy-ticks", StrategyTickWiring.wire(config, tradeStream,
                tradeRegistrations, tradeFeed.exchange(), dataSource, kisLeadership, meters, clock, beans));
        taps.put("parent-orders", parents.tradeTap());
        kisgateway.app.service.streams.TradeTaps tradeTaps = new kisgateway.app.service.streams.TradeTaps(taps);
        realtimeSessions = new RealtimeSessions(kis.environment(), kis.approvalKeys(), new RealtimeSessionSettings(
                config.millis("fills.ws.initial-backoff-ms"), config.millis("fills.ws.max-backoff-ms"),
                config.decimal("fills.ws.jitter"), config.integer("fills.ws.max-failures-per-minute"),
                Duration.ofSeconds(config.longValue("fills.ws.stale-after-seconds")), Duration.ofSeconds(5),
                Duration.ofSeconds(10), true, config.integer("fills.ws.delivery-capacity")), tradeStream, prices, meters,
                clock, tradeTaps);
        beans.put("fillBook", fillBook);
        beans.put("backfillQueue", backfillQueue);
        beans.put("fillBackfill", new FillBackfill(kis.inquiry(), accounts::require, fillBook, backfillQueue, clock));
        NoticeStreamWatch streamWatch = new NoticeStreamWatch(accounts.aliases(), new NoticeStreamWatch.Settings(
                Duration.ofSeconds(config.longValue("fills.silence-backfill-seconds")),
                Duration.ofSeconds(config.longValue("fills.silence-backfill-max-seconds")),
                Duration.ofSeconds(config.longValue("fills.silence-backfill-min-interval-seconds"))),
                account -> orders.working(account).stream().anyMatch(o -> o.state().isWorking()),
                account -> realtimeSessions.of(account).isPresent(), account -> accounts.require(account).appKey().id(),
                backfillQueue, clock);
        backfillQueue.whenChecked(streamWatch::checked);
        NoticeStreamHealth streamHealth = new NoticeStreamHealth(realtimeSessions, streamWatch);
        registerStreamMeters(accounts, streamWatch, streamHealth);
        ReliabilityWiring.wire(config, accounts, dataSource, realtimeSessions, streamWatch, instanceId, kisLeadership, meters, clock, beans);
        beans.put("noticeStreamWatch", streamWatch);
        beans.put("realtimeSessions", realtimeSessions);
        beans.put("kisStreamHealthCheck", new KisStreamHealthCheck(streamHealth, streamWatch, accounts));
        beans.put("executionNoticeApplier", new ExecutionNoticeApplier(fillBook, orders, accounts::byAccountNumber,
                backfillQueue, new ParkedNotices(dataSource, clock), streamWatch));
        beans.put("kis-realtime", new KisRealtimeComponent(realtimeSessions, accounts, meters));
        outboxRelay = new OutboxRelay(infrastructure.brokerConnection().unpooledConnectionFactory(), fillBook,
                (OrderEventOutbox) beans.get("orderEventOutbox"), config.integer("outbox.batch-size"),
                config.longValue("fills.parked-grace-ms"), config.longValue("fills.parked-max-wait-ms"));
        beans.put("outboxRelay", outboxRelay);

        ticketPublishing = breakTickets(config, dataSource, infrastructure, clock);
        ReconciliationService reconciliation = new ReconciliationService(accounts, kis.inquiry(), kis.environment(),
                dataSource, orders, fillBook, (ExecutionNoticeApplier) beans.get("executionNoticeApplier"),
                infrastructure.brokerConnection().connectionFactory(), ReconciliationSettings.defaults()
                        .withCashTolerance(new java.math.BigDecimal(config.require("reconcile.cash-tolerance-krw")))
                        .withInFlightGrace(config.millis("reconcile.in-flight-grace-ms")), calendar, meters, clock,
                kis.clockSkew()::magnitude, config.millis("reconcile.startup-peer-poll-ms"),
                config.millis("reconcile.startup-peer-wait-ms"), bean("breakTickets"), ticketPublishing);
        beans.put("reconciliation", reconciliation);
        beans.put("reconciliationHealthCheck", new ReconciliationHealthCheck(reconciliation, accounts));
        beans.put("kisClockSkewHealthCheck", new kisgateway.app.health.KisClockSkewHealthCheck(kis.clockSkew()));
        beans.put("reconciliationAnswers", new ReconciliationAnswers());
        beans.put("dailyReport", new DailyReportAssembler(dataSource, accounts, reconciliation, meters,
                java.nio.file.Path.of(config.require("reports.directory")),
                infrastructure.brokerConnection().connectionFactory(), clock,
                () -> AppKeyLivenessWiring.reportLines(appKeys), config.integer("reports.trend-days")));

        kisgateway.risk.killswitch.KillSwitchKeys switchKeys =
                new kisgateway.risk.killswitch.KillSwitchKeys(accounts.aliases(), permissions.strategyIds());
        TradingStateAdmin tradingStates = new TradingStateAdmin(killSwitches, operator, switchKeys);
        beans.put("tradingStateAdmin", tradingStates);
        beans.put("orderReaders", new kisgateway.app.adapter.api.OrderReaders(permissions, tradingStates));
        StrategyQueryWiring.wire(config, accounts.aliases(), dataSource, prices, clock, beans);
        beans.put("strategyAdmin", new kisgateway.app.adapter.api.StrategyAdmin(tradingStates, config, profiles,
                StrategyQueryWiring.seeAccountOrders(config, permissions.strategyIds())));
        tradingStateMBean = registerMBean(new TradingStateControl(killSwitches, tradingStates));
        beans.put("killSwitchBoard", killSwitches);
        beans.put("sessionCalendar", calendar);
        killSwitchesThatAct(config, dataSource, amender, switchKeys, accounts.aliases(), clock);
        beans.put("strategyCutoffs", new kisgateway.app.service.orders.StrategyCutoffs(
                new kisgateway.risk.profile.CutoffCancels(profiles), bean("massCancels"), clock));
        killSwitchListener = listenForKillSwitchMoves(config, infrastructure);
    }

    /**
     * A ticket per reconciliation break (issue 19): its table and outbox, kis.ops.tickets, and the incident tool's
     * webhook when one is configured (routes/operations-jobs.camel.yaml delivers; a follower's bean stays idle).
     */
    private TicketPublishing breakTickets(GatewayConfig config, DataSource dataSource,
                                          GatewayInfrastructure infrastructure, Clock clock) {
        java.util.Optional<TicketWebhookSettings> webhook = TicketWebhookSettings.from(config);
        beans.put("breakTickets", new kisgateway.ops.tickets.BreakTickets(dataSource, clock, webhook.isPresent()));
        TicketPublishing publishing = new TicketPublishing(new kisgateway.ops.tickets.TicketOutbox(dataSource, clock),
                infrastructure.brokerConnection().connectionFactory(), config.integer("outbox.batch-size"), clock);
        beans.put("ticketPublishing", publishing);
        beans.put("ticketWebhook", new TicketWebhookJob(webhook.map(w -> new kisgateway.ops.tickets.TicketWebhookDeliveries(
                dataSource, w.transport(), publishing, w.backoff(), clock)), webhook.map(TicketWebhookSettings::where),
                config.integer("ops.tickets.webhook.batch-size")));
        return publishing;
    }

    /**
     * A kill switch in force cancels what it forbids to rest (routes/mass-cancel.camel.yaml): the leader looks at
     * once after a move it learns of and after it becomes leader, and on a sweep besides.
     */
    private void killSwitchesThatAct(GatewayConfig config, DataSource dataSource, OrderAmender amender,
                                     kisgateway.risk.killswitch.KillSwitchKeys keys, Set<String> accountAliases,
                                     Clock clock) {
        beans.put("massCancels", new kisgateway.app.service.orders.MassCancels(
                new kisgateway.order.masscancel.JdbcMassCancelStore(orders, clock), orders, amender, killSwitches,
                keys, accountAliases, config.millis("risk-gate.kill-switch-cancel-ttl-ms"), clock));
        kisgateway.order.masscancel.KillSwitchSweeps sweeps = new kisgateway.order.masscancel.KillSwitchSweeps(
                config.millis("risk-gate.kill-switch-sweep-ms"), clock);
        killSwitches.onChange(sweeps::moved);
        kisLeadership.onGain(sweeps::moved);
        beans.put("killSwitchSweeps", sweeps);
        java.util.concurrent.atomic.AtomicInteger threadNumber = new java.util.concurrent.atomic.AtomicInteger();
        massCancelThreads = java.util.concurrent.Executors.newFixedThreadPool(
                config.integer("risk-gate.kill-switch-cancel-threads"), r -> {
                    Thread t = new Thread(r, "mass-cancel-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        beans.put("massCancelThreads", massCancelThreads);
    }

    /**
     * The rollout phases (docs/rollout.md): configured at the first start, persisted, moved by operators over REST
     * and JMX, read again on a timer and whenever this instance becomes the KIS leader (the one that screens orders).
     */
    private ObjectName rollout(GatewayConfig config, DataSource dataSource, Set<String> accountAliases,
                               StrategyPermissions permissions, OperatorLogins operators, Clock clock) {
        java.util.function.BiPredicate<String, String> trades = permissions::mayTrade;
        Map<kisgateway.risk.rollout.RolloutScope, kisgateway.risk.rollout.RolloutPhase> configured;
        java.time.Duration rejectWindow;
        try {
            configured = kisgateway.risk.rollout.ConfiguredPhases.from(config.withPrefix("rollout.").entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(e -> "rollout." + e.getKey(), Map.Entry::getValue)),
                    config.mode(), accountAliases, permissions.strategyIds(), trades);
            rejectWindow = java.time.Duration.parse(config.require("rollout.ramp.reject-window"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new ConfigurationException(e.getMessage());
        }
        boolean fourEyes = config.bool("rollout.four-eyes");
        if (fourEyes && operators.count() < 2) {
            org.slf4j.LoggerFactory.getLogger(GatewayServices.class).warn("rollout four-eyes on with one operator login:"
                    + " no promotion can be approved until gateway.operator.logins-file names a second operator");
        }
        kisgateway.risk.rollout.KillSwitchDrills drills = new kisgateway.risk.rollout.JdbcKillSwitchDrills(dataSource);
        kisgateway.risk.rollout.RolloutEvidence evidence =
                new kisgateway.risk.rollout.JdbcRolloutEvidence(dataSource, drills, rejectWindow, clock);
        kisgateway.risk.rollout.RolloutBoard board = kisgateway.risk.rollout.RolloutBoard.load(
                new kisgateway.risk.rollout.JdbcRolloutStore(dataSource), configured, accountAliases, trades, fourEyes,
                evidence, clock);
        kisgateway.risk.rollout.PilotCapBoard caps;
        try {
            caps = kisgateway.risk.rollout.PilotCapBoard.load(new kisgateway.risk.rollout.JdbcCapStore(dataSource),
                    kisgateway.risk.rollout.ConfiguredCaps.from(config.withPrefix("rollout.pilot.").entrySet().stream()
                                    .collect(java.util.stream.Collectors.toMap(e -> "rollout.pilot." + e.getKey(),
                                            Map.Entry::getValue)), accountAliases, permissions.strategyIds(), trades,
                            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
                    board, evidence, clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        kisgateway.risk.rollout.RampGate ramps;
        try {
            ramps = new kisgateway.risk.rollout.RampGate(board, caps,
                    new kisgateway.risk.rollout.JdbcRampInputs(dataSource, drills),
                    new kisgateway.risk.rollout.JdbcRampStore(dataSource), new kisgateway.risk.rollout.RampSettings(
                            new java.math.BigDecimal(config.require("rollout.ramp.growth-factor")),
                            java.time.Duration.parse(config.require("rollout.ramp.clean-period")),
                            java.time.Duration.parse(config.require("rollout.ramp.max-break-age")),
                            java.time.Duration.parse(config.require("rollout.ramp.max-drill-age")),
                            new java.math.BigDecimal(config.require("rollout.ramp.max-reject-rate")), rejectWindow,
                            config.integer("rollout.ramp.reject-min-orders"),
                            config.bool("rollout.ramp.demote-on-failed-gate")),
                    alert -> new JdbcComplianceAlertStore(dataSource).saveAll(java.util.List.of(alert)), clock);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new ConfigurationException(e.getMessage());
        }
        kisLeadership.onGain(board::reload);
        kisLeadership.onGain(caps::reload);
        kisLeadership.onGain(ramps::reload);
        beans.put("rolloutBoard", board);
        beans.put("pilotCaps", caps);
        beans.put("rampGate", ramps);
        beans.put("rolloutRampHealthCheck", new kisgateway.app.health.RolloutRampHealthCheck(ramps));
        for (String account : accountAliases) {
            io.micrometer.core.instrument.Gauge.builder("kis.rollout.ramp.factor", ramps, r -> r.factor(account)
                            .doubleValue())
                    .description("how far RAMP has grown the account's PILOT caps (1: not grown)")
                    .tag("account", account).register(meters);
            io.micrometer.core.instrument.Gauge.builder("kis.rollout.ramp.frozen", ramps,
                            r -> r.ramps().containsKey(account) && r.ramps().get(account).frozen() ? 1 : 0)
                    .description("1 while a gate holds the account's RAMP frozen (its caps stop growing)")
                    .tag("account", account).register(meters);
        }
        beans.put("killSwitchDrills", drills);
        kisgateway.app.adapter.api.RolloutAdmin admin = new kisgateway.app.adapter.api.RolloutAdmin(board, caps, ramps,
                accountAliases, permissions.strategyIds(), trades);
        beans.put("rolloutAdmin", admin);
        // one series per phase, 1 for the phase an order of the account (strategy "*": any strategy without its own)
        // or of the strategy is in now, 0 for the others: a phase change is a step in two series
        for (String account : accountAliases) {
            registerPhaseGauges(board, account, null);
            for (String strategy : permissions.strategyIds()) {
                if (trades.test(strategy, account)) {
                    registerPhaseGauges(board, account, strategy);
                }
            }
        }
        io.micrometer.core.instrument.Gauge.builder("kis.rollout.pending.promotions", board, b -> b.pending().size())
                .description("promotions that wait for a second operator's approval").register(meters);
        return registerMBean(new kisgateway.app.adapter.jmx.RolloutControl(admin), "kisgateway:type=Rollout");
    }

    private void registerPhaseGauges(kisgateway.risk.rollout.RolloutBoard board, String account, String strategy) {
        for (kisgateway.risk.rollout.RolloutPhase phase : kisgateway.risk.rollout.RolloutPhase.values()) {
            io.micrometer.core.instrument.Gauge.builder("kis.rollout.phase", board,
                            b -> b.effectivePhase(account, strategy) == phase ? 1 : 0)
                    .description("1 for the rollout phase the account's (or the strategy's) orders are in now")
                    .tags("account", account, "strategy", strategy == null ? "*" : strategy, "phase", phase.name())
                    .register(meters);
        }
    }

    /**
     * The mass cancels over JMX ({@code kisgateway:type=MassCancels}); they run through the routes, so this waits
     * for the Camel context.
     */
    public void registerMassCancelControl(org.apache.camel.CamelContext context) {
        massCancelMBean = registerMBean(new kisgateway.app.adapter.jmx.MassCancelControl(context),
                "kisgateway:type=MassCancels");
    }

    /** Other instances' kill-switch moves within milliseconds; last, so that a failed start leaves no thread. */
    private TradingStateListener listenForKillSwitchMoves(GatewayConfig config, GatewayInfrastructure infrastructure) {
        io.micrometer.core.instrument.Gauge.builder("kis.risk.kill.switch.state.known", killSwitches, b -> b.known() ? 1 : 0)
                .description("0 while this instance cannot learn other instances' kill-switch moves and refuses new orders")
                .register(meters);
        beans.put("killSwitchHealthCheck", new kisgateway.app.health.KillSwitchHealthCheck(killSwitches));
        return TradingStateListener.start(infrastructure.dataSource().unpooled(),
                "kis-gateway-kill-switches-" + ProcessHandle.current().pid(), killSwitches,
                new TradingStateListener.Settings(config.millis("risk-gate.kill-switch-listen-probe-ms"),
                        config.millis("risk-gate.kill-switch-listen-timeout-ms"),
                        config.millis("risk-gate.kill-switch-listen-retry-ms")));
    }

    /** The execution-notice stream's condition per account, as /q/health tells it (kis_ws_stream_*). */
    private void registerStreamMeters(KisAccounts accounts, NoticeStreamWatch watch, NoticeStreamHealth health) {
        for (String alias : accounts.aliases()) {
            io.micrometer.core.instrument.Gauge.builder("kis.fills.stream.silence", watch, w -> w.silenceSeconds(alias))
                    .description("seconds on the account's silence clock: since its last execution notice, connect or"
                            + " clean backfill").baseUnit("seconds").tag("account", alias).register(meters);
            io.micrometer.core.instrument.Gauge.builder("kis.ws.stream.healthy", health, h -> h.of(alias).healthy() ? 1 : 0)
                    .description("1 unless the stream lost notices (a gap), saw no frame, or its reconnect was refused")
                    .tag("account", alias).register(meters);
            io.micrometer.core.instrument.Gauge.builder("kis.ws.stream.stale", watch, w -> w.isStale(alias) ? 1 : 0)
                    .description("1 while the stream is quiet past its wait with orders working and being checked with KIS")
                    .tag("account", alias).register(meters);
            io.micrometer.core.instrument.Gauge.builder("kis.ws.stream.check.wait", watch, w -> w.waitSeconds(alias))
                    .description("how long a quiet stream with orders working waits before its next check (backs off)")
                    .baseUnit("seconds").tag("account", alias).register(meters);
            for (NoticeStreamWatch.Outcome outcome : NoticeStreamWatch.Outcome.values()) {
                io.micrometer.core.instrument.FunctionCounter.builder("kis.ws.stream.checks", watch,
                                w -> w.checks(alias, outcome))
                        .description("backfills of the account (inquire-daily-ccld), by what they found")
                        .tags("account", alias, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                        .register(meters);
            }
            io.micrometer.core.instrument.FunctionCounter.builder("kis.ws.stream.gap.fills", watch, w -> w.gapFills(alias))
                    .description("fills backfills recorded that the stream had not delivered")
                    .tag("account", alias).register(meters);
        }
    }

    public static GatewayServices create(GatewayConfig config, GatewayInfrastructure infrastructure,
                                         OperatorLogins operator) {
        return new GatewayServices(config, infrastructure, operator);
    }

    /**
     * {@code gateway.strategies} lists the strategies; each has {@code gateway.strategy.<id>.accounts} (aliases or
     * *) and, for REST access, {@code gateway.strategy.<id>.api-key-sha256}.
     */
    public static StrategyPermissions strategyPermissions(GatewayConfig config, Set<String> accounts) {
        Map<String, StrategyPermissions.Strategy> strategies = new HashMap<>();
        for (String id : config.list("gateway.strategies")) {
            if (id.equals(EXTERNAL_STRATEGY)) {
                throw new ConfigurationException("gateway.strategies names '" + EXTERNAL_STRATEGY + "', the strategy of orders"
                        + " placed outside the gateway (found by reconciliation): choose another id");
            }
            String prefix = "gateway.strategy." + id + ".";
            Set<String> allowed = new HashSet<>(config.list(prefix + "accounts"));
            for (String a : allowed) {
                if (!a.equals(StrategyPermissions.ALL_ACCOUNTS) && !accounts.contains(a)) {
                    throw new ConfigurationException(prefix + "accounts names '" + a + "', which is not in kis.accounts");
                }
            }
            byte[] key = config.has(prefix + "api-key-sha256") ? StrategyPermissions.hex(config.require(prefix + "api-key-sha256")) : null;
            strategies.put(id, new StrategyPermissions.Strategy(id, Set.copyOf(allowed), key));
        }
        return new StrategyPermissions(strategies);
    }

    /**
     * {@code gateway.strategy.<id>.broker-user}: the broker user each strategy sends its JMS intents as, at most one
     * strategy per user and never the gateway's own ({@code broker.user}, which may do everything on the broker).
     * {@code orders.intake.trust-unbound-intents} (sim mode only) takes an intent the broker stamped no user on at
     * the strategy its body names.
     */
    public static IntentSenderBinding intentSenderBinding(GatewayConfig config, Set<String> strategyIds) {
        Map<String, String> strategyByUser = new HashMap<>();
        String gatewayUser = config.string("broker.user", "");
        for (String id : new java.util.TreeSet<>(strategyIds)) {
            String key = "gateway.strategy." + id + ".broker-user";
            String user = config.string(key, "");
            if (user.isBlank()) {
                continue;
            }
            if (user.equals(gatewayUser)) {
                throw new ConfigurationException(key + " is the gateway's own broker user (broker.user): give strategy '"
                        + id + "' a broker user of its own, in the role strategy");
            }
            String other = strategyByUser.putIfAbsent(user, id);
            if (other != null) {
                throw new ConfigurationException("strategies '" + other + "' and '" + id + "' both send as broker user '"
                        + user + "': give each strategy its own (gateway.strategy.<id>.broker-user)");
            }
        }
        boolean trustUnbound = config.bool("orders.intake.trust-unbound-intents");
        if (trustUnbound && !config.mode().equals("sim")) {
            throw new ConfigurationException("orders.intake.trust-unbound-intents is true in " + config.mode() + " mode: only"
                    + " sim mode may take a JMS intent without the broker's stamp of its sender at the strategy it names");
        }
        return new IntentSenderBinding(strategyByUser, trustUnbound);
    }

    /** What the intakes answer and do when the database did not answer (REST 503, JMS rollback, dead letters). */
    public static DatabaseStall databaseStall(GatewayInfrastructure infrastructure) {
        return new DatabaseStall(infrastructure.dataSource().timeouts(),
                infrastructure.effectiveConfig().integer("orders.intake.database-stall-deliveries"));
    }

    public DatabaseStall databaseStall() {
        return databaseStall;
    }

    public void bind(Registry registry) {
        beans.forEach(registry::bind);
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public KisClients kis() {
        return kis;
    }

    public JdbcOrderStore orders() {
        return orders;
    }

    public KillSwitchBoard killSwitches() {
        return killSwitches;
    }

    /** The WebSocket sessions this instance holds (none unless it leads the fill stream). */
    public RealtimeSessions realtimeSessions() {
        return realtimeSessions;
    }

    /** The leader election the master: routes run on (the KIS leader, the scheduled jobs). */
    public CamelClusterService clusterService() {
        return clusterService;
    }

    /** Whether this instance talks to KIS for the cluster; start it once the cluster service is in the context. */
    public KisLeadership kisLeadership() {
        return kisLeadership;
    }

    /** This process's name among the instances (its election member, its queue for the leader's answers). */
    public String instanceId() {
        return instanceId;
    }

    /** Closes what the services own outside Camel (the WebSocket sessions' Vert.x). */
    @Override
    public void close() {
        killSwitchListener.close();
        outboxRelay.close();
        parentEventRelay.close();
        ticketPublishing.close();
        prices.close();
        realtimeSessions.close();
        massCancelThreads.shutdownNow();
        for (ObjectName name : new ObjectName[] {tradingStateMBean, massCancelMBean, rolloutMBean}) {
            try {
                if (name != null) {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
                }
            } catch (Exception e) {
                // already gone
            }
        }
    }

    private static ObjectName registerMBean(TradingStateControl control) {
        return registerMBean(control, "kisgateway:type=TradingStates");
    }

    private static ObjectName registerMBean(Object control, String objectName) {
        try {
            ObjectName name = new ObjectName(objectName);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                // another gateway in this JVM (tests): the name goes to the latest
                server.unregisterMBean(name);
            }
            server.registerMBean(control, name);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException(objectName + " MBean not registered: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T bean(String name) {
        return (T) beans.get(name);
    }

}
