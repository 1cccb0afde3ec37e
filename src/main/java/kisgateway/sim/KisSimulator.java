package kisgateway.sim;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import kisgateway.sim.admin.AdminApi;
import kisgateway.sim.admin.FaultControl;
import kisgateway.sim.admin.MarketControl;
import kisgateway.sim.admin.OutsideActivity;
import kisgateway.sim.admin.SimulatorTruth;
import kisgateway.sim.auth.AppKeyDirectory;
import kisgateway.sim.auth.ApprovalKeyIssuer;
import kisgateway.sim.auth.TokenIssuer;
import kisgateway.sim.fault.FaultPlan;
import kisgateway.sim.market.MarketBoard;
import kisgateway.sim.market.SessionClock;
import kisgateway.sim.rest.RestServer;
import kisgateway.sim.stats.SimStats;
import kisgateway.sim.trading.MatchingEngine;
import kisgateway.sim.ws.WsServer;

/**
 * An offline KIS: the REST API and the real-time WebSocket of the Korea Investment &amp; Securities Open API on two
 * local ports, with a matching engine behind them, fault injection, and an admin API that tells the truth.
 * Start it with {@link #start(SimulatorSettings)}; {@link #close()} releases every socket and thread.
 */
public final class KisSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KisSimulator.class);
    /** How often the price path is advanced, in real milliseconds. */
    private static final long MARKET_TICK_MILLIS = 50;

    private final SimulatorSettings settings;
    private final Vertx vertx;
    private final RestServer rest;
    private final WsServer ws;
    private final SimStats stats;
    private final FaultControl faults;
    private final MarketControl market;
    private final OutsideActivity outside;
    private final SimulatorTruth truth;
    private final int restPort;
    private final int wsPort;
    private final long marketTimer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KisSimulator(SimulatorSettings s) throws Exception {
        this.settings = s;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        try {
            SessionClock clock = SessionClock.start(s.clock(), s.clockSpeed(), s.marketOpenTime());
            this.stats = new SimStats();
            FaultPlan plan = new FaultPlan();
            AppKeyDirectory appKeys = new AppKeyDirectory(s.accounts());
            TokenIssuer tokens = new TokenIssuer(clock, s.tokenIssueMinInterval());
            ApprovalKeyIssuer approvals = new ApprovalKeyIssuer(clock, s.approvalIssueMinInterval());
            this.ws = new WsServer(vertx, s.env(), s.noticeLayout(), appKeys, approvals, stats, plan, clock,
                    s.pingPongInterval(), s.loopBlocking(), s.headerNames());
            MarketBoard board = new MarketBoard(s.symbols(), s.seed(), s.priceStepInterval(), s.pricePathFrozen(),
                    clock.nowSeoul());
            long firstOrderNumber = s.firstOrderNumber() > 0 ? s.firstOrderNumber()
                    : (Instant.now().getEpochSecond() % 100_000) * 10_000 + 1;
            MatchingEngine engine = new MatchingEngine(s.env(), clock, board, s.accounts(), s.initialCash(),
                    s.fillLot(), firstOrderNumber, ws.dispatcher());
            this.faults = new FaultControl(plan, engine, tokens, ws);
            this.market = new MarketControl(engine, clock);
            this.outside = new OutsideActivity(engine);
            this.truth = new SimulatorTruth(engine, ws.dispatcher());
            AdminApi admin = new AdminApi(s.env(), appKeys, faults, market, outside, truth, stats, ws);
            this.rest = new RestServer(vertx, s.env(), appKeys, tokens, approvals, engine, plan, stats,
                    s.restLimitPerSecond(), s.headerNames(), clock, admin::mount);
            this.restPort = await(rest.listen(s.restHost(), s.restPort()));
            this.wsPort = await(ws.listen(s.restHost(), s.wsPort()));
            this.marketTimer = vertx.setPeriodic(MARKET_TICK_MILLIS, t -> engine.advanceMarket());
        } catch (Exception | Error e) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a simulator and returns once both ports listen. */
    public static KisSimulator start(SimulatorSettings settings) {
        try {
            KisSimulator sim = new KisSimulator(settings);
            LOG.info("kis simulator started env={} rest={} ws={} clock={} accounts={}", settings.env(),
                    sim.restBaseUrl(), sim.wsBaseUrl(), settings.clock(), settings.accounts().size());
            return sim;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the KIS simulator could not start: " + e.getMessage(), e);
        }
    }

    public int restPort() {
        return restPort;
    }

    public int wsPort() {
        return wsPort;
    }

    public String restBaseUrl() {
        return "http://" + settings.restHost() + ":" + restPort;
    }

    public String wsBaseUrl() {
        return "ws://" + settings.restHost() + ":" + wsPort;
    }

    public List<SimAccount> accounts() {
        return settings.accounts();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Orders, fills, positions and cash as the simulator knows them. */
    public SimulatorTruth truth() {
        return truth;
    }

    public FaultControl faults() {
        return faults;
    }

    public MarketControl market() {
        return market;
    }

    /** Orders, transfers and position changes made outside the gateway. */
    public OutsideActivity outside() {
        return outside;
    }

    public SimStats stats() {
        return stats;
    }

    /** Whether a WebSocket session holds the realtime registration (tr_id, tr_key) now. */
    public boolean wsRegistered(String trId, String trKey) {
        return ws.registered(trId, trKey);
    }

    /** How many times clients released the realtime registration (tr_id, tr_key). */
    public long wsReleases(String trId, String trKey) {
        return ws.releases(trId, trKey);
    }

    /** Sends {@code count} synthetic encrypted fill notices to the sessions subscribed to the HTS ID. */
    public int floodNotices(String htsId, int count) {
        return ws.flood(htsId, count, 0);
    }

    /** As {@link #floodNotices(String, int)}, numbering the synthetic orders from {@code firstOrder}. */
    public int floodNotices(String htsId, int count, int firstOrder) {
        return ws.flood(htsId, count, firstOrder);
    }

    /** Closes both ports and every thread of the simulator; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        vertx.cancelTimer(marketTimer);
        try {
            await(Future.join(rest.close(), ws.close()).mapEmpty());
        } catch (Exception e) {
            LOG.warn("closing the simulator's servers failed: {}", e.toString());
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the simulator's event loops failed: {}", e.toString());
        }
        awaitNettyGlobalExecutor();
        LOG.info("kis simulator stopped rest={} ws={}", restPort, wsPort);
    }

    /**
     * Closing channels starts Netty's global executor, a non-daemon thread that ends itself after a second of
     * quiet; waiting for it keeps the promise that no thread of the simulator outlives close().
     */
    private static void awaitNettyGlobalExecutor() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("globalEventExecutor") && !t.isDaemon()) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
