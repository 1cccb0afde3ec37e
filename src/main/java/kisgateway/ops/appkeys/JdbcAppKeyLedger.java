package kisgateway.ops.appkeys;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * ops_app_keys: per app key (by the SHA-256 of the key, never the key) when it was first seen, its last successful
 * call on any instance, the last check, and which threshold crossings were alerted. An alert is claimed with one
 * conditional update, so of two instances (or a check repeated after a restart) exactly one raises it.
 */
public final class JdbcAppKeyLedger {

    private final DataSource dataSource;

    public JdbcAppKeyLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A key seen for the first time is idle from now; a known one keeps its history. */
    public void track(String keyId, String label, Instant now) {
        update("insert into ops_app_keys (key_id, label, tracked_since) values (?,?,?) on conflict (key_id) do nothing",
                ps -> {
                    ps.setString(1, keyId);
                    ps.setString(2, label);
                    ps.setTimestamp(3, Timestamp.from(now));
                });
    }

    /** Writes the answers the activity holds that are newer than the table's (another instance's may be newer). */
    public int flush(AppKeyActivity activity) {
        int written = 0;
        for (Map.Entry<String, Instant> e : activity.unflushed().entrySet()) {
            written += update("update ops_app_keys set last_success_at = greatest(coalesce(last_success_at, ?), ?) "
                    + "where key_id = ?", ps -> {
                ps.setTimestamp(1, Timestamp.from(e.getValue()));
                ps.setTimestamp(2, Timestamp.from(e.getValue()));
                ps.setString(3, e.getKey());
            });
            activity.flushed(e.getKey(), e.getValue());
        }
        return written;
    }

    public Optional<AppKeyState> read(String keyId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select tracked_since, "
                + "last_success_at, expiry_alert_for, idle_alert_for, last_checked_at from ops_app_keys where key_id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date expiryAlert = rs.getDate(3);
                return Optional.of(new AppKeyState(keyId, rs.getTimestamp(1).toInstant(), instant(rs.getTimestamp(2)),
                        expiryAlert == null ? null : expiryAlert.toLocalDate(), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5))));
            }
        } catch (SQLException e) {
            throw new AppKeyStoreException("reading app key " + keyId.substring(0, 8) + " failed: " + e.getMessage(), e);
        }
    }

    /** @return true for the one caller that records the alert of this expiry date */
    public boolean claimExpiryAlert(String keyId, LocalDate expiresOn) {
        return update("update ops_app_keys set expiry_alert_for = ? where key_id = ? and "
                + "expiry_alert_for is distinct from ?", ps -> {
            ps.setObject(1, expiresOn);
            ps.setString(2, keyId);
            ps.setObject(3, expiresOn);
        }) == 1;
    }

    /** @return true for the one caller that records the alert of the idle period that began then */
    public boolean claimIdleAlert(String keyId, Instant idleSince) {
        return update("update ops_app_keys set idle_alert_for = ? where key_id = ? and idle_alert_for is distinct from ?",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(idleSince));
                    ps.setString(2, keyId);
                    ps.setTimestamp(3, Timestamp.from(idleSince));
                }) == 1;
    }

    public void checked(String keyId, Instant at) {
        update("update ops_app_keys set last_checked_at = ? where key_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, keyId);
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new AppKeyStoreException("app keys: " + e.getMessage(), e);
        }
    }
}
