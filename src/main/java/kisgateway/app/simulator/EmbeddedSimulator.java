package kisgateway.app.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import kisgateway.app.config.GatewayConfig;
import kisgateway.risk.RiskSettings;
import kisgateway.risk.session.KrxSessionCalendar;
import kisgateway.sim.ClockMode;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIS simulator inside the gateway (sim mode). The gateway reaches it over real HTTP and WebSocket on
 * loopback like it would reach KIS; the only things it takes from it directly are its URLs, its demo accounts
 * when none is configured, and its session clock: the simulator opens a trading day when it starts, so the
 * gateway's idea of "now" (sessions, order times, today's executions) must be the simulator's.
 */
public final class EmbeddedSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);

    private final KisSimulator simulator;

    private EmbeddedSimulator(KisSimulator simulator) {
        this.simulator = simulator;
    }

    public static EmbeddedSimulator start(GatewayConfig config) {
        SimulatorSettings.Builder settings = SimulatorSettings.builder()
                .restPort(config.integer("sim.rest-port"))
                .wsPort(config.integer("sim.ws-port"))
                .env(KisEnv.valueOf(config.require("sim.env").toUpperCase(Locale.ROOT)))
                .clock(ClockMode.valueOf(config.require("sim.clock").toUpperCase(Locale.ROOT)))
                .seed(config.longValue("sim.seed"))
                .accounts(demoAccounts(config.has("sim.demo-accounts") ? config.integer("sim.demo-accounts") : 1));
        if (config.has("sim.notice-fields")) {
            settings.noticeLayout(kisgateway.sim.NoticeLayout.ofFieldCount(config.integer("sim.notice-fields")));
        }
        if (config.has("sim.fill-lot")) {
            settings.fillLot(config.longValue("sim.fill-lot"));
        }
        if (config.has("sim.pingpong-interval-ms")) {
            settings.pingPongInterval(config.millis("sim.pingpong-interval-ms"));
        }
        if (config.has("sim.rest-limit")) {
            settings.restLimitPerSecond(config.integer("sim.rest-limit"));
        }
        if (config.has("sim.token-issue-min-interval-ms")) {
            settings.tokenIssueMinInterval(config.millis("sim.token-issue-min-interval-ms"));
        }
        if (config.has("sim.header-names")) {
            settings.headerNames(kisgateway.sim.HeaderNameCase.of(config.require("sim.header-names")));
        }
        KisSimulator simulator = KisSimulator.start(settings.build());
        if (config.require("sim.clock").equalsIgnoreCase("sim")) {
            openOnATradingDay(simulator, config);
        }
        LOG.info("embedded KIS simulator started rest={} ws={} sessionTime={}", simulator.restBaseUrl(),
                simulator.wsBaseUrl(), simulator.market().clock().nowSeoul());
        return new EmbeddedSimulator(simulator);
    }

    private static java.util.List<SimAccount> demoAccounts(int count) {
        if (count < 1) {
            throw new kisgateway.app.config.ConfigurationException("sim.demo-accounts must be at least 1: " + count);
        }
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(SimAccount::demo).toList();
    }

    /**
     * The simulator opens a session on today's date, whatever day it is; the gateway's session calendar would
     * then refuse every order on a weekend or a holiday. So the simulated session is moved to the next KRX
     * trading day (today when today is one), at the same time of day, and both agree.
     */
    private static void openOnATradingDay(KisSimulator simulator, GatewayConfig config) {
        Map<String, String> risk = new HashMap<>();
        config.withPrefix("risk.").forEach((k, v) -> risk.put("risk." + k, v));
        KrxSessionCalendar calendar = KrxSessionCalendar.fromSettings(RiskSettings.fromProperties(risk).session());
        ZonedDateTime now = simulator.market().clock().nowSeoul();
        LocalDate today = now.toLocalDate();
        LocalDate tradingDay = calendar.isTradingDay(today) ? today : calendar.nextTradingDay(today)
                .orElseThrow(() -> new IllegalStateException("the holiday calendar has no trading day after " + now.toLocalDate()));
        if (!tradingDay.equals(now.toLocalDate())) {
            simulator.market().setTime(tradingDay.atTime(now.toLocalTime()).atZone(now.getZone()).toInstant());
        }
    }

    /** What the gateway's configuration learns from the running simulator. */
    public Map<String, String> configuration(GatewayConfig config) {
        Map<String, String> learned = new HashMap<>();
        learned.put("kis.rest-url", simulator.restBaseUrl());
        learned.put("kis.ws-url", simulator.wsBaseUrl() + "/tryitout");
        if (config.list("kis.accounts").isEmpty()) {
            java.util.List<String> aliases = new java.util.ArrayList<>();
            for (int i = 0; i < simulator.accounts().size(); i++) {
                SimAccount demo = simulator.accounts().get(i);
                String alias = i == 0 ? "sim" : "sim" + (i + 1);
                aliases.add(alias);
                learned.put("kis.account." + alias + ".app-key", demo.appKey());
                learned.put("kis.account." + alias + ".app-secret", demo.appSecret());
                learned.put("kis.account." + alias + ".hts-id", demo.htsId());
                learned.put("kis.account." + alias + ".cano", demo.cano());
                learned.put("kis.account." + alias + ".product-code", SimAccount.PRODUCT_CODE);
            }
            learned.put("kis.accounts", String.join(",", aliases));
        }
        return learned;
    }

    /** The simulator's session clock as a java.time.Clock for the gateway. */
    public Clock clock() {
        return new SimulatedSessionClock(simulator.market().clock(), ZoneId.of("Asia/Seoul"));
    }

    /** A java.time.Clock reading the simulator's session clock, in any zone. */
    private static final class SimulatedSessionClock extends Clock {
        private final kisgateway.sim.market.SessionClock session;
        private final ZoneId zone;

        SimulatedSessionClock(kisgateway.sim.market.SessionClock session, ZoneId zone) {
            this.session = session;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new SimulatedSessionClock(session, other);
        }

        /** The clients' time: a clock skew set on the simulator moves KIS's clock away from this one. */
        @Override
        public Instant instant() {
            return session.unskewedNow();
        }
    }

    public KisSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.close();
        LOG.info("embedded KIS simulator stopped");
    }
}
