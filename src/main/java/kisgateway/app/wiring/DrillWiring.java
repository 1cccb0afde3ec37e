package kisgateway.app.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import kisgateway.app.config.ConfigurationException;
import kisgateway.app.config.GatewayConfig;
import kisgateway.app.health.DrillHealthCheck;
import kisgateway.app.service.jobs.DrillJob;
import kisgateway.app.service.jobs.KillSwitchDrillRuns;
import kisgateway.ops.drills.DrillSchedule;
import kisgateway.ops.drills.DrillSettings;
import kisgateway.ops.drills.JdbcDrillSlots;
import kisgateway.order.JdbcOrderStore;
import kisgateway.order.MarketPrices;
import kisgateway.risk.killswitch.KillSwitchBoard;
import kisgateway.risk.limits.TickSizeTable;
import kisgateway.risk.rollout.JdbcKillSwitchDrills;
import kisgateway.risk.session.KrxSessionCalendar;

/**
 * The kill-switch drill from {@code ops.drill.*}: off while no drill strategy is named; when one is, every setting
 * is checked at start-up and a wrong one stops the start naming its key.
 */
public final class DrillWiring {

    private DrillWiring() {
    }

    public static void wire(GatewayConfig config, Set<String> accounts, DataSource dataSource, JdbcOrderStore orders,
                            KillSwitchBoard board, MarketPrices prices, TickSizeTable ticks,
                            KrxSessionCalendar calendar, MeterRegistry meters, Clock clock, Map<String, Object> beans) {
        Optional<DrillJob> job = Optional.empty();
        if (config.has("ops.drill.strategy")) {
            DrillSettings settings = settings(config, accounts);
            DrillJob drill = new DrillJob(settings, new DrillSchedule(settings, calendar::isTradingDay),
                    new JdbcDrillSlots(dataSource), new JdbcKillSwitchDrills(dataSource), orders, board, prices, ticks,
                    clock, meters);
            beans.put("drillHealthCheck", new DrillHealthCheck(drill, clock));
            job = Optional.of(drill);
        }
        beans.put("drillRuns", new KillSwitchDrillRuns(job));
    }

    static DrillSettings settings(GatewayConfig config, Set<String> accounts) {
        String strategy = config.require("ops.drill.strategy");
        if (!config.list("gateway.strategies").contains(strategy)) {
            throw new ConfigurationException("ops.drill.strategy names '" + strategy + "', which is not one of"
                    + " gateway.strategies " + config.list("gateway.strategies"));
        }
        String account = config.has("ops.drill.account") ? config.require("ops.drill.account") : "";
        if (!accounts.contains(account)) {
            throw new ConfigurationException("ops.drill.account names '" + account + "', which is not a configured"
                    + " account " + accounts);
        }
        java.util.List<String> allowed = config.list("gateway.strategy." + strategy + ".accounts");
        if (!allowed.contains(account) && !allowed.contains("*")) {
            throw new ConfigurationException("ops.drill.account '" + account + "' is not one of the drill strategy's"
                    + " accounts (gateway.strategy." + strategy + ".accounts " + allowed + ")");
        }
        DayOfWeek day;
        try {
            day = DayOfWeek.valueOf(config.require("ops.drill.day").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ops.drill.day must be a weekday name (MONDAY ... FRIDAY), not '"
                    + config.require("ops.drill.day") + "'");
        }
        String[] window = config.require("ops.drill.window").split("-");
        try {
            return new DrillSettings(strategy, account, config.require("ops.drill.symbol"),
                    config.integer("ops.drill.ticks-below-market"), day, LocalTime.parse(window[0].trim()),
                    LocalTime.parse(window[1].trim()), config.millis("ops.drill.step-timeout-ms"),
                    Duration.ofDays(config.integer("ops.drill.max-age-days")));
        } catch (RuntimeException e) {
            throw new ConfigurationException("ops.drill.*: " + e.getMessage());
        }
    }
}
