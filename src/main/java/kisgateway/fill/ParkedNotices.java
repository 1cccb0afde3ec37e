package kisgateway.fill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kisgateway.order.OrderEventType;
import kisgateway.order.OrderStoreException;

/**
 * Lifecycle notices that arrived before their order had its KIS number (an IOC remainder cancelled by the
 * market within milliseconds of the order, typically): kept in the database until the number is recorded,
 * then replayed in arrival order, so none is lost to the race between the WebSocket and the REST answer.
 */
public final class ParkedNotices {

    private static final java.time.Duration WAITING_AT_MOST = java.time.Duration.ofHours(1);

    private final DataSource dataSource;
    private final Clock clock;

    public ParkedNotices(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void park(String account, String kisOrderNo, OrderEventType event, String cause, String cancelOrderNo) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into parked_notices (account, kis_order_no, event_type, "
                     + "cause, cancel_order_no, received_at) values (?,?,?,?,?,?)")) {
            ps.setString(1, account);
            ps.setString(2, kisOrderNo);
            ps.setString(3, event.name());
            ps.setString(4, cause);
            ps.setString(5, cancelOrderNo);
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new OrderStoreException("parking a notice failed: " + e.getMessage(), e);
        }
    }

    /** Takes (marks replayed) the parked notices of an order number, oldest first. */
    public List<Parked> take(String account, String kisOrderNo) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update parked_notices set replayed_at = ? where notice_id in "
                     + "(select notice_id from parked_notices where account = ? and kis_order_no = ? and replayed_at is null "
                     + "for update skip locked) returning notice_id, event_type, cause, cancel_order_no")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, account);
            ps.setString(3, kisOrderNo);
            List<Parked> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Parked(rs.getLong(1), OrderEventType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
                }
            }
            out.sort(java.util.Comparator.comparingLong(Parked::id));
            return out;
        } catch (SQLException e) {
            throw new OrderStoreException("taking parked notices failed: " + e.getMessage(), e);
        }
    }

    /**
     * Order numbers with notices still waiting, for the periodic catch-up: those parked within the last hour
     * (a number unknown for an hour is not the gateway's). The hour is measured on the clock that stamped
     * {@code received_at}, never the database's: in sim mode the session clock runs hours behind the wall.
     */
    public List<String[]> waiting() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select distinct account, kis_order_no from parked_notices "
                     + "where replayed_at is null and received_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().minus(WAITING_AT_MOST)));
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OrderStoreException("reading parked notices failed: " + e.getMessage(), e);
        }
    }

    /** One parked notice. */
    public record Parked(long id, OrderEventType event, String cause, String cancelOrderNo) {
    }
}
