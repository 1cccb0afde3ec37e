package kisgateway.app.service.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kisgateway.reconcile.report.ReliabilityDay;

/**
 * The daily report's reliability figures from the database: the same rows whichever instance reads them, before
 * or after a restart. Latencies are of the orders created on the day (as the report's intake-to-ACK histogram);
 * outcomes and incidents are those that happened on the day (KST).
 */
final class ReliabilityDayReader {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private final int trendDays;

    /** @param trendDays how many trading days (weekdays) the trend covers, the report's day included */
    ReliabilityDayReader(int trendDays) {
        this.trendDays = trendDays;
    }

    ReliabilityDay read(Connection c, LocalDate day, Instant generatedAt) throws SQLException {
        Instant from = start(day);
        Instant to = start(day.plusDays(1));
        return new ReliabilityDay(requestToAck(c, from, to), acked(c, from, to), rejectCodes(c, from, to),
                incidents(c, from, to), trend(c, day, generatedAt));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(KST).toInstant();
    }

    private static List<Long> requestToAck(Connection c, Instant from, Instant to) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select extract(epoch from (min(a.occurred_at) - min(s.occurred_at)))"
                + " * 1000 from orders o join order_events a on a.order_id = o.order_id and a.event_type = 'ACK' "
                + "join order_events s on s.order_id = o.order_id and s.event_type = 'SUBMIT' "
                + "where o.created_at >= ? and o.created_at < ? group by o.order_id")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Math.max(0, Math.round(rs.getDouble(1))));
                }
            }
        }
        return out;
    }

    private static long acked(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(distinct order_id) from order_events "
                + "where event_type = 'ACK' and occurred_at >= ? and occurred_at < ?")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<ReliabilityDay.RejectCode> rejectCodes(Connection c, Instant from, Instant to)
            throws SQLException {
        List<ReliabilityDay.RejectCode> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select case e.event_type when 'REJECT' then 'kis' else 'gateway' "
                + "end, coalesce(o.reject_code, '-'), count(*) from order_events e join orders o on o.order_id = e.order_id "
                + "where e.event_type in ('REJECT', 'DENY') and e.occurred_at >= ? and e.occurred_at < ? "
                + "group by 1, 2 order by 3 desc, 1, 2")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReliabilityDay.RejectCode(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    private static List<ReliabilityDay.StreamIncidentLine> incidents(Connection c, Instant from, Instant to)
            throws SQLException {
        List<ReliabilityDay.StreamIncidentLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select account, app_key, kind, started_at, ended_at, "
                + "fills_recovered, detail from stream_incidents where started_at < ? and (ended_at is null or "
                + "ended_at >= ?) order by started_at, incident_id")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp(5);
                    out.add(new ReliabilityDay.StreamIncidentLine(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), ended == null ? null : ended.toInstant(), rs.getInt(6),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** The last trading days (weekdays) up to the report's, from three grouped reads of the range. */
    private List<ReliabilityDay.TrendDay> trend(Connection c, LocalDate day, Instant generatedAt) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = day; days.size() < trendDays; d = d.minusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, d);
            }
        }
        Instant from = start(days.get(0));
        Instant to = start(day.plusDays(1));
        Map<LocalDate, long[]> outcomes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select (occurred_at at time zone 'Asia/Seoul')::date, "
                + "count(distinct order_id) filter (where event_type = 'ACK'), count(*) filter (where event_type = "
                + "'REJECT'), count(*) filter (where event_type = 'DENY') from order_events where event_type in "
                + "('ACK', 'REJECT', 'DENY') and occurred_at >= ? and occurred_at < ? group by 1")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.put(rs.getObject(1, LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        // p95 by nearest rank, as the report's own percentiles (percentile_disc)
        Map<LocalDate, Long> p95 = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select d, percentile_disc(0.95) within group (order by ms) from "
                + "(select (o.created_at at time zone 'Asia/Seoul')::date d, greatest(0, round(extract(epoch from "
                + "(min(e.occurred_at) - o.created_at)) * 1000)) ms from orders o join order_events e on e.order_id = "
                + "o.order_id and e.event_type = 'ACK' where o.created_at >= ? and o.created_at < ? "
                + "group by o.order_id, o.created_at) x group by d")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    p95.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }
            }
        }
        Map<LocalDate, long[]> incidents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select (started_at at time zone 'Asia/Seoul')::date, count(*), "
                + "coalesce(sum(extract(epoch from (coalesce(ended_at, ?) - started_at))), 0) from stream_incidents "
                + "where started_at >= ? and started_at < ? group by 1")) {
            ps.setTimestamp(1, Timestamp.from(generatedAt));
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    incidents.put(rs.getObject(1, LocalDate.class),
                            new long[] {rs.getLong(2), Math.max(0, Math.round(rs.getDouble(3)))});
                }
            }
        }
        List<ReliabilityDay.TrendDay> out = new ArrayList<>();
        for (LocalDate d : days) {
            long[] o = outcomes.getOrDefault(d, new long[3]);
            long[] i = incidents.getOrDefault(d, new long[2]);
            out.add(new ReliabilityDay.TrendDay(d, o[0], p95.get(d), o[1], o[2], i[0], i[1]));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(from));
        ps.setTimestamp(2, Timestamp.from(to));
    }
}
