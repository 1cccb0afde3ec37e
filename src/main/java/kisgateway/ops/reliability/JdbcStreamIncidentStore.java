package kisgateway.ops.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The stream's incidents in {@code stream_incidents} (V14): one open row per account and kind at most. */
public final class JdbcStreamIncidentStore implements StreamIncidentStore {

    private final DataSource dataSource;
    private final String instanceId;

    public JdbcStreamIncidentStore(DataSource dataSource, String instanceId) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
    }

    @Override
    public boolean open(String account, String appKey, StreamIncidentKind kind, Instant at, String detail) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into stream_incidents (account, app_key, kind, started_at, detail, instance_id) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict (account, kind) where ended_at is null do nothing")) {
            ps.setString(1, account);
            ps.setString(2, appKey);
            ps.setString(3, kind.name());
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setString(5, detail.length() > 500 ? detail.substring(0, 500) : detail);
            ps.setString(6, instanceId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ReliabilityStoreException("stream incident " + kind + " of account " + account + " not opened: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> close(String account, StreamIncidentKind kind, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update stream_incidents set ended_at = greatest(?, started_at) where account = ? and kind = ? "
                        + "and ended_at is null returning started_at")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, account);
            ps.setString(3, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ReliabilityStoreException("stream incident " + kind + " of account " + account + " not closed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void addRecovered(String account, StreamIncidentKind kind, int fills) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update stream_incidents set fills_recovered = fills_recovered + ? where account = ? and kind = ? "
                        + "and ended_at is null")) {
            ps.setInt(1, fills);
            ps.setString(2, account);
            ps.setString(3, kind.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ReliabilityStoreException("fills recovered on account " + account + " not counted: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Set<StreamIncidentKind> openKinds(String account) {
        Set<StreamIncidentKind> kinds = EnumSet.noneOf(StreamIncidentKind.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select kind from stream_incidents where account = ? and ended_at is null")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kinds.add(StreamIncidentKind.valueOf(rs.getString(1)));
                }
            }
            return kinds;
        } catch (SQLException e) {
            throw new ReliabilityStoreException("open stream incidents of account " + account + " not read: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<StreamIncident> overlapping(Instant from, Instant to) {
        List<StreamIncident> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select account, app_key, kind, started_at, ended_at, fills_recovered, detail from stream_incidents "
                        + "where started_at < ? and (ended_at is null or ended_at >= ?) order by started_at, incident_id")) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp(5);
                    out.add(new StreamIncident(rs.getString(1), rs.getString(2),
                            StreamIncidentKind.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(),
                            ended == null ? null : ended.toInstant(), rs.getInt(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ReliabilityStoreException("stream incidents not read: " + e.getMessage(), e);
        }
    }
}
