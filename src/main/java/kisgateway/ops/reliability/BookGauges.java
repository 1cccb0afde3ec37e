package kisgateway.ops.reliability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kisgateway.order.OrderState;

/**
 * What the books hold now, as gauges every instance shows alike (they read the shared database; a dashboard
 * takes the max over instances): {@code kis_recon_breaks_open{account}}, the age of the oldest open break
 * {@code kis_recon_breaks_oldest_age_seconds{account}} (0 with none open), and today's orders by state
 * {@code kis_orders_today{account, state}} (the KST trading date). Refreshed by a timer; the age runs on between
 * refreshes.
 */
public final class BookGauges {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final javax.sql.DataSource dataSource;
    private final Clock clock;
    private final Map<String, Long> openBreaks = new ConcurrentHashMap<>();
    private final Map<String, Instant> oldestOpen = new ConcurrentHashMap<>();
    private final Map<String, Long> ordersByState = new ConcurrentHashMap<>();

    public BookGauges(javax.sql.DataSource dataSource, Set<String> accounts, MeterRegistry meters, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        for (String account : accounts) {
            Gauge.builder("kis.recon.breaks.open", openBreaks, m -> m.getOrDefault(account, 0L))
                    .description("reconciliation breaks open now").tag("account", account).register(meters);
            Gauge.builder("kis.recon.breaks.oldest.age", this, g -> g.oldestAgeSeconds(account)).baseUnit("seconds")
                    .description("age of the oldest open reconciliation break (0: none open)").tag("account", account)
                    .register(meters);
            for (OrderState state : OrderState.values()) {
                String key = account + "|" + state.name();
                Gauge.builder("kis.orders.today", ordersByState, m -> m.getOrDefault(key, 0L))
                        .description("orders created today (KST) by their state now").tags("account", account, "state",
                                state.name()).register(meters);
            }
        }
    }

    public void refresh() {
        Map<String, Long> breaks = new java.util.HashMap<>();
        Map<String, Instant> oldest = new java.util.HashMap<>();
        Map<String, Long> orders = new java.util.HashMap<>();
        LocalDate today = clock.instant().atZone(KST).toLocalDate();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select account, count(*), min(opened_at) from recon_breaks "
                    + "where resolved_at is null group by account"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    breaks.put(rs.getString(1), rs.getLong(2));
                    oldest.put(rs.getString(1), rs.getTimestamp(3).toInstant());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select account, state, count(*) from orders where "
                    + "created_at >= ? and created_at < ? group by account, state")) {
                ps.setTimestamp(1, Timestamp.from(today.atStartOfDay(KST).toInstant()));
                ps.setTimestamp(2, Timestamp.from(today.plusDays(1).atStartOfDay(KST).toInstant()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orders.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new ReliabilityStoreException("breaks and orders not read for the gauges: " + e.getMessage(), e);
        }
        openBreaks.keySet().retainAll(breaks.keySet());
        openBreaks.putAll(breaks);
        oldestOpen.keySet().retainAll(oldest.keySet());
        oldestOpen.putAll(oldest);
        ordersByState.keySet().retainAll(orders.keySet());
        ordersByState.putAll(orders);
    }

    double oldestAgeSeconds(String account) {
        Instant oldest = oldestOpen.get(account);
        return oldest == null ? 0 : Math.max(0, java.time.Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
