package kisgateway.ops.drills;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link DrillSlots} in {@code kill_switch_drill_slots}: the primary key decides, not timing. */
public final class JdbcDrillSlots implements DrillSlots {

    private final DataSource dataSource;

    public JdbcDrillSlots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean claim(String account, java.time.LocalDate slot, String drillId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into kill_switch_drill_slots (account, slot, drill_id,"
                     + " claimed_at) values (?, ?, ?, now()) on conflict do nothing")) {
            ps.setString(1, account);
            ps.setDate(2, Date.valueOf(slot));
            ps.setString(3, drillId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("the drill slot could not be claimed: " + e.getMessage(), e);
        }
    }
}
