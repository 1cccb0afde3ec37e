package kisgateway.app.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import kisgateway.app.config.GatewayConfig;
import kisgateway.sim.ClockMode;
import kisgateway.sim.KisEnv;
import kisgateway.sim.KisSimulator;
import kisgateway.sim.SimAccount;
import kisgateway.sim.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIS simulator inside the gateway (sim mode). The gateway reaches it over real HTTP and WebSocket on
 * loopback like it would reach KIS; the only things it takes from it directly are its URLs, its demo account
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
                .seed(config.longValue("sim.seed"));
        if (config.has("sim.rest-limit")) {
            settings.restLimitPerSecond(config.integer("sim.rest-limit"));
        }
        KisSimulator simulator = KisSimulator.start(settings.build());
        LOG.info("embedded KIS simulator started rest={} ws={}", simulator.restBaseUrl(), simulator.wsBaseUrl());
        return new EmbeddedSimulator(simulator);
    }

    /** What the gateway's configuration learns from the running simulator. */
    public Map<String, String> configuration(GatewayConfig config) {
        Map<String, String> learned = new HashMap<>();
        learned.put("kis.rest-url", simulator.restBaseUrl());
        learned.put("kis.ws-url", simulator.wsBaseUrl() + "/tryitout");
        if (config.list("kis.accounts").isEmpty()) {
            SimAccount demo = simulator.accounts().get(0);
            learned.put("kis.accounts", "sim");
            learned.put("kis.account.sim.app-key", demo.appKey());
            learned.put("kis.account.sim.app-secret", demo.appSecret());
            learned.put("kis.account.sim.hts-id", demo.htsId());
            learned.put("kis.account.sim.cano", demo.cano());
            learned.put("kis.account.sim.product-code", SimAccount.PRODUCT_CODE);
        }
        return learned;
    }

    /** The simulator's session clock as a java.time.Clock for the gateway. */
    public Clock clock() {
        var sessionClock = simulator.market().clock();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("Asia/Seoul");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the simulator clock is in Asia/Seoul");
            }

            @Override
            public Instant instant() {
                return sessionClock.now();
            }
        };
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
