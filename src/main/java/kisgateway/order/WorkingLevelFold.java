package kisgateway.order;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Folds the moves of the working book (appended by every change of an order, see {@code V5__working_levels.sql})
 * into its levels, so that a screening's read of the book stays a few rows: the levels plus the moves of the last
 * fold period. Safe on every instance at once: each move is folded exactly once.
 */
public final class WorkingLevelFold {

    private final DataSource dataSource;

    public WorkingLevelFold(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the moves folded */
    public int fold() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select fold_working_level_moves()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new OrderStoreException("folding the working book's moves failed: " + e.getMessage(), e);
        }
    }
}
