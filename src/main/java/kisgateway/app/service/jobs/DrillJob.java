package kisgateway.app.service.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kisgateway.ops.drills.DrillResult;
import kisgateway.ops.drills.DrillSchedule;
import kisgateway.ops.drills.DrillSettings;
import kisgateway.ops.drills.DrillSlots;
import kisgateway.ops.drills.KillSwitchDrill;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.MarketPrices;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.limits.TickSizeTable;
import kisgateway.risk.rollout.KillSwitchDrills;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly kill-switch drill in the running gateway (on the KIS leader, routes/operations-jobs.camel.yaml): due
 * in its slot, once per slot across the cluster, or on an operator's demand. Each outcome is a row in
 * kill_switch_drills (the rollout's RAMP gate reads it), a message for kis.ops.drills, meters, and, when failed, an
 * alert line.
 */
public final class DrillJob {

    private static final Logger LOG = LoggerFactory.getLogger(DrillJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DrillSettings settings;
    private final DrillSchedule schedule;
    private final DrillSlots slots;
    private final KillSwitchDrills log;
    private final JdbcOrderStore orders;
    private final KillSwitchBoard board;
    private final MarketPrices prices;
    private final TickSizeTable ticks;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicReference<DrillResult> latest = new AtomicReference<>();

    public DrillJob(DrillSettings settings, DrillSchedule schedule, DrillSlots slots, KillSwitchDrills log,
             JdbcOrderStore orders, KillSwitchBoard board, MarketPrices prices, TickSizeTable ticks, Clock clock,
             MeterRegistry meters) {
        this.settings = settings;
        this.schedule = schedule;
        this.slots = slots;
        this.log = log;
        this.orders = orders;
        this.board = board;
        this.prices = prices;
        this.ticks = ticks;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("kis.drill.last.success.timestamp", this, j -> j.lastPassed()
                        .map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("when the latest passed kill-switch drill of the drill account ran (epoch seconds)")
                .baseUnit("seconds").tag("account", settings.account()).register(meters);
        Gauge.builder("kis.drill.halt.to.cancel", latest, l -> Optional.ofNullable(l.get())
                        .flatMap(DrillResult::timeToCancel).map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                .description("the latest drill's time from the switch to the resting order canceled at KIS")
                .baseUnit("seconds").tag("account", settings.account()).register(meters);
    }

    public DrillSettings settings() {
        return settings;
    }

    /** Runs the drill when its slot is open and nobody ran it yet: its kis.ops.drills message, else null. */
    public String runIfDue(Exchange exchange) {
        Optional<LocalDate> slot = schedule.openSlot(clock.instant());
        if (slot.isEmpty()) {
            return null;
        }
        String drillId = "drill-" + settings.account() + "-" + slot.get();
        if (!slots.claim(settings.account(), slot.get(), drillId)) {
            return null;
        }
        return run(drillId, "SCHEDULE", exchange);
    }

    /** An operator's drill, now: its kis.ops.drills message, also the answer. */
    public String runNow(String operator, Exchange exchange) {
        return run("drill-" + settings.account() + "-" + clock.millis(), "OPERATOR:" + operator, exchange);
    }

    /** The latest passed drill, from the table every instance writes. */
    public Optional<Instant> lastPassed() {
        try {
            return log.lastPassed(settings.account());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<DrillResult> latest() {
        return Optional.ofNullable(latest.get());
    }

    private String run(String drillId, String trigger, Exchange exchange) {
        ProducerTemplate template = exchange.getContext().createProducerTemplate();
        DrillResult result;
        try {
            DrillDeskOverCamel desk = new DrillDeskOverCamel(settings, template, orders, board, prices, ticks);
            result = new KillSwitchDrill(settings, desk, log, clock, d -> Thread.sleep(d.toMillis()))
                    .run(drillId, trigger);
        } finally {
            try {
                template.stop();
            } catch (RuntimeException ignored) {
                // a template that does not stop holds no order of the drill's
            }
        }
        latest.set(result);
        Counter.builder("kis.drill.runs").tag("account", settings.account())
                .tag("outcome", result.passed() ? "passed" : "failed").register(meters).increment();
        if (result.passed()) {
            LOG.info("event=drill_passed drill={} account={} strategy={} haltToCancelMs={}", drillId,
                    settings.account(), settings.strategy(), result.timeToCancel().map(d -> d.toMillis()).orElse(-1L));
        } else {
            LOG.warn("event=drill_failed drill={} account={} strategy={} step={} detail=\"{}\"", drillId,
                    settings.account(), settings.strategy(), result.failedStep(), result.detail());
        }
        return json(result);
    }

    static String json(DrillResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("drillId", r.drillId());
        n.put("trigger", r.trigger());
        n.put("account", r.account());
        n.put("strategy", r.strategy());
        n.put("outcome", r.passed() ? "PASSED" : "FAILED");
        if (r.failedStep() != null) {
            n.put("failedStep", r.failedStep());
        }
        n.put("detail", r.detail());
        n.put("startedAt", r.startedAt().toString());
        n.put("finishedAt", r.finishedAt().toString());
        r.timeToCancel().ifPresent(d -> n.put("haltToCancelMs", d.toMillis()));
        n.put("restingClientOrderId", r.restingClientOrderId());
        return n.toString();
    }
}
