package kisgateway.risk.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.jdbc.JdbcTransaction;
import kisgateway.risk.ComplianceAlert;
import kisgateway.risk.RiskRule;

/**
 * Compliance alerts in {@code compliance_alerts} for human review. The pipeline saves the alerts of each decision
 * (in the transaction that records the order's DENIED or INTENT_CREATED state when it passes a connection, or on
 * its own); operators list the unreviewed ones and mark them reviewed.
 */
public final class JdbcComplianceAlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> DETAIL = new TypeReference<>() { };

    private final DataSource dataSource;

    public JdbcComplianceAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Saves the alerts in one transaction of its own; answers their ids in order. */
    public List<Long> saveAll(List<ComplianceAlert> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        return JdbcTransaction.run(dataSource, c -> saveAll(c, alerts),
                e -> new IllegalStateException("compliance alerts could not be saved: " + e.getMessage(), e));
    }

    /** Saves the alerts on the caller's connection, inside the caller's transaction. */
    public List<Long> saveAll(Connection c, List<ComplianceAlert> alerts) throws SQLException {
        List<Long> ids = new ArrayList<>(alerts.size());
        try (PreparedStatement ps = c.prepareStatement("""
                insert into compliance_alerts (raised_at, account, strategy_id, symbol, rule, detail)
                values (?, ?, ?, ?, ?, ?::jsonb)""", Statement.RETURN_GENERATED_KEYS)) {
            for (ComplianceAlert a : alerts) {
                ps.setTimestamp(1, Timestamp.from(a.raisedAt()));
                ps.setString(2, a.account());
                ps.setString(3, a.strategyId());
                ps.setString(4, a.symbol());
                ps.setString(5, a.rule().id());
                ps.setString(6, json(a.detail()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong("alert_id"));
                }
            }
        }
        return ids;
    }

    /** The oldest unreviewed alerts first. */
    public List<StoredComplianceAlert> unreviewed(int limit) {
        String sql = """
                select alert_id, raised_at, account, strategy_id, symbol, rule, detail::text, reviewed_at, reviewed_by
                from compliance_alerts where reviewed_at is null order by alert_id limit ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<StoredComplianceAlert> alerts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp reviewed = rs.getTimestamp("reviewed_at");
                    alerts.add(new StoredComplianceAlert(rs.getLong("alert_id"),
                            new ComplianceAlert(RiskRule.valueOf(rs.getString("rule")), rs.getString("account"),
                                    rs.getString("strategy_id"), rs.getString("symbol"), detail(rs.getString("detail")),
                                    rs.getTimestamp("raised_at").toInstant()),
                            reviewed == null ? null : reviewed.toInstant(), rs.getString("reviewed_by")));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw new IllegalStateException("compliance alerts could not be read: " + e.getMessage(), e);
        }
    }

    /** Marks an alert reviewed; false when it does not exist or was already reviewed (the first review stands). */
    public boolean markReviewed(long alertId, String reviewer, Instant at) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("a review needs the reviewer");
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "update compliance_alerts set reviewed_at = ?, reviewed_by = ? where alert_id = ? and reviewed_at is null")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, reviewer);
            ps.setLong(3, alertId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("compliance alert " + alertId + " could not be updated: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert detail is not serialisable", e);
        }
    }

    private static Map<String, String> detail(String json) {
        try {
            return JSON.readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert detail is not a string map: " + json, e);
        }
    }
}
