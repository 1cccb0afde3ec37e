package kisgateway.risk.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kisgateway.risk.ComplianceAlert;
import kisgateway.risk.RiskRule;
import kisgateway.risk.RiskTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL with the project's migrations. */
class JdbcComplianceAlertStoreTest {

    private static final Instant AT = Instant.parse("2026-03-03T01:00:00Z");

    private final DataSource db = RiskTestDatabase.dataSource();
    private JdbcComplianceAlertStore store;

    @BeforeEach
    void setUp() {
        RiskTestDatabase.execute("truncate compliance_alerts");
        store = new JdbcComplianceAlertStore(db);
    }

    @Test
    void savesAlertsAndListsTheUnreviewedOldestFirst() {
        ComplianceAlert cross = new ComplianceAlert(RiskRule.SELF_CROSS, "acct1", "alpha", "005930",
                Map.of("restingOrder", "rest-7", "price", "10000"), AT);
        ComplianceAlert burst = new ComplianceAlert(RiskRule.CANCEL_REPLACE_BURST, "acct1", "alpha", "005930",
                Map.of("limit", "10", "actual", "11"), AT.plusSeconds(1));
        List<Long> ids = store.saveAll(List.of(cross, burst));
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isGreaterThan(ids.get(0));

        List<StoredComplianceAlert> open = store.unreviewed(10);
        assertThat(open).extracting(StoredComplianceAlert::alertId).containsExactlyElementsOf(ids);
        assertThat(open.get(0).alert()).isEqualTo(cross);
        assertThat(open.get(1).alert().detail()).containsEntry("actual", "11");
        assertThat(open.get(0).reviewedAt()).isNull();
    }

    @Test
    void aReviewIsRecordedOnce() {
        long id = store.saveAll(List.of(new ComplianceAlert(RiskRule.QUOTE_PATTERN, "acct1", "alpha", "005930",
                Map.of(), AT))).get(0);
        assertThat(store.markReviewed(id, "compliance-officer", AT.plusSeconds(3600))).isTrue();
        assertThat(store.markReviewed(id, "someone-else", AT.plusSeconds(7200))).isFalse();
        assertThat(store.unreviewed(10)).isEmpty();
        assertThatThrownBy(() -> store.markReviewed(id, " ", AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joinsTheCallersTransaction() throws Exception {
        ComplianceAlert alert = new ComplianceAlert(RiskRule.ORDER_RATE, "acct1", null, "005930", Map.of(), AT);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            store.saveAll(c, List.of(alert));
            c.rollback();
        }
        assertThat(store.unreviewed(10)).isEmpty();
        assertThat(store.saveAll(List.of())).isEmpty();
    }
}
