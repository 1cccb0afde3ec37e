package kisgateway.ops.drills;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import kisgateway.order.OrderState;
import kisgateway.risk.rollout.KillSwitchDrills;

/**
 * One kill-switch drill, step by step, as an operator would run it by hand: place one tiny resting order for the
 * drill strategy far under the market and see it working at KIS; pull the strategy's switch to HALTED; prove a new
 * intent of the strategy is denied; see the resting order canceled at KIS (the switch cancels what it forbids to
 * rest); put the switch back to ACTIVE, whatever happened; record the outcome. A drill passes only when every step
 * did what it must within the step timeout; it never retries a step, since a switch that needs a second pull is
 * the finding.
 */
public final class KillSwitchDrill {

    /** How the drill waits between looks at an order; a test's is instant. */
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private final DrillSettings settings;
    private final DrillDesk desk;
    private final KillSwitchDrills log;
    private final Clock clock;
    private final Pause pause;

    public KillSwitchDrill(DrillSettings settings, DrillDesk desk, KillSwitchDrills log, Clock clock, Pause pause) {
        this.settings = settings;
        this.desk = desk;
        this.log = log;
        this.clock = clock;
        this.pause = pause;
    }

    /** Runs one drill now and records it; {@code trigger} says who asked (SCHEDULE, or the operator). */
    public DrillResult run(String drillId, String trigger) {
        Instant started = clock.instant();
        String resting = drillId + "-rest";
        Steps steps = new Steps(drillId, trigger, started, resting);
        try {
            long price = desk.restingPrice();
            DrillOrder placed = desk.place(resting, price);
            Optional<DrillOrder> working = awaitOrder(resting, o -> o.state() == OrderState.ACKED);
            if (working.isEmpty()) {
                return steps.failed("PLACE", "the resting order was not working at KIS within " + timeout() + ": "
                        + describe(desk.order(resting).orElse(placed)));
            }
            Instant switched = clock.instant();
            desk.halt("kill-switch drill " + drillId);
            steps.switchedAt = switched;
            DrillOrder probe = desk.place(drillId + "-probe", price);
            if (probe.state() != OrderState.DENIED) {
                return steps.failed("DENY", "a new intent of the halted strategy was not denied: " + describe(probe));
            }
            Optional<DrillOrder> canceled = awaitOrder(resting, o -> o.state() == OrderState.CANCELED);
            if (canceled.isEmpty()) {
                return steps.failed("CANCEL", "the resting order was not canceled at KIS within " + timeout() + ": "
                        + describe(desk.order(resting).orElse(placed)));
            }
            return steps.passed(Duration.between(switched, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return steps.failed("ERROR", "interrupted");
        } catch (RuntimeException e) {
            return steps.failed("ERROR", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (steps.switchedAt != null) {
                desk.activate("kill-switch drill " + drillId + " done");
            }
        }
    }

    private Optional<DrillOrder> awaitOrder(String clientOrderId, Predicate<DrillOrder> done)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.stepTimeout());
        while (true) {
            Optional<DrillOrder> order = desk.order(clientOrderId);
            if (order.filter(done).isPresent()) {
                return order;
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.empty();
            }
            pause.pause(LOOK_EVERY);
        }
    }

    private String timeout() {
        return settings.stepTimeout().toMillis() + " ms";
    }

    private static String describe(DrillOrder o) {
        return o.state() + (o.reason() == null ? "" : " (" + o.reason() + ")");
    }

    /** What the steps found, recorded once at the end. */
    private final class Steps {
        private final String drillId;
        private final String trigger;
        private final Instant started;
        private final String resting;
        private Instant switchedAt;

        Steps(String drillId, String trigger, Instant started, String resting) {
            this.drillId = drillId;
            this.trigger = trigger;
            this.started = started;
            this.resting = resting;
        }

        DrillResult passed(Duration haltToCancel) {
            return record(new DrillResult(drillId, trigger, settings.account(), settings.strategy(), started,
                    clock.instant(), true, null, "switch denied the new intent and canceled the resting order",
                    haltToCancel, resting));
        }

        DrillResult failed(String step, String detail) {
            return record(new DrillResult(drillId, trigger, settings.account(), settings.strategy(), started,
                    clock.instant(), false, step, detail + cleanUp(step), null, resting));
        }

        /**
         * A failed drill leaves no order of its own working: what the switch did not cancel gets a cancel intent
         * of its own (best effort; the failed drill is the alert either way).
         */
        private String cleanUp(String step) {
            if (switchedAt == null) {
                return "";
            }
            StringBuilder done = new StringBuilder();
            for (String order : step.equals("DENY") ? new String[] {resting, drillId + "-probe"} : new String[] {resting}) {
                try {
                    desk.cancel(drillId + "-cleanup-" + order.substring(order.lastIndexOf('-') + 1), order);
                    done.append("; cancel asked for ").append(order);
                } catch (RuntimeException e) {
                    done.append("; cancel of ").append(order).append(" not asked: ").append(e.getMessage());
                }
            }
            return done.toString();
        }

        private DrillResult record(DrillResult result) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("drillId", result.drillId());
            detail.put("trigger", result.trigger());
            detail.put("strategy", result.strategy());
            detail.put("restingClientOrderId", result.restingClientOrderId());
            detail.put("finishedAt", result.finishedAt().toString());
            detail.put("detail", result.detail());
            if (result.failedStep() != null) {
                detail.put("failedStep", result.failedStep());
            }
            result.timeToCancel().ifPresent(d -> detail.put("haltToCancelMs", d.toMillis()));
            log.record(result.account(), result.startedAt(), result.passed(), detail);
            return result;
        }
    }
}
