package kisgateway.risk.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The drills in {@code kill_switch_drills}. */
public final class JdbcKillSwitchDrills implements KillSwitchDrills {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public JdbcKillSwitchDrills(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Instant> lastPassed(String account) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select max(ran_at) from kill_switch_drills where account = ? and passed")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp at = rs.getTimestamp(1);
                return Optional.ofNullable(at).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("kill-switch drills could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(String account, Instant ranAt, boolean passed, Map<String, Object> detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into kill_switch_drills (account, ran_at, passed, detail) values (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, account);
            ps.setTimestamp(2, Timestamp.from(ranAt));
            ps.setBoolean(3, passed);
            ps.setString(4, JSON.writeValueAsString(detail == null ? Map.of() : detail));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("kill-switch drill could not be recorded: " + e.getMessage(), e);
        }
    }
}
