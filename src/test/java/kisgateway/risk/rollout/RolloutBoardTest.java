package kisgateway.risk.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kisgateway.risk.MutableClock;
import kisgateway.risk.RiskTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The phase rules over the real store (PostgreSQL, audit_log): promotions, four eyes, demotions, bad input. */
class RolloutBoardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db = RiskTestDatabase.dataSource();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    private String acct;
    private String other;

    @BeforeEach
    void accountsOfTheirOwn() {
        // one shared database for the test JVM: each test's accounts are its own
        String run = UUID.randomUUID().toString().substring(0, 8);
        acct = "a-" + run;
        other = "b-" + run;
    }

    private RolloutBoard board(Map<RolloutScope, RolloutPhase> configured, boolean fourEyes) {
        return RolloutBoard.load(new JdbcRolloutStore(db), configured, Set.of(acct, other),
                (strategy, account) -> strategy.equals("alpha") || strategy.equals("beta") && account.equals(acct),
                fourEyes, new JdbcRolloutEvidence(db, new JdbcKillSwitchDrills(db), Duration.ofHours(24), clock), clock);
    }

    private RolloutBoard shadowBoard(boolean fourEyes) {
        return board(Map.of(RolloutScope.account(acct), RolloutPhase.SHADOW, RolloutScope.account(other),
                RolloutPhase.LIVE), fourEyes);
    }

    @Test
    void aPromotionWithoutTheSecondApprovalDoesNotTakeEffect() throws Exception {
        RolloutBoard board = shadowBoard(true);
        RolloutChange asked = board.request(RolloutScope.account(acct), RolloutPhase.PILOT, "alice", "pilot week 1");

        assertThat(asked.isPending()).isTrue();
        assertThat(board.effectivePhase(acct, "alpha")).isEqualTo(RolloutPhase.SHADOW);
        assertThat(board.pending()).extracting(PendingPromotion::to).containsExactly(RolloutPhase.PILOT);
        // a restart (another instance) sees it waiting, and still not in effect
        RolloutBoard restarted = shadowBoard(true);
        assertThat(restarted.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);
        assertThat(restarted.pending()).hasSize(1);

        assertThatThrownBy(() -> board.approve(asked.pending().id(), "alice", null))
                .isInstanceOf(SecondOperatorRequired.class).hasMessageContaining("four eyes");
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);

        clock.advance(Duration.ofMinutes(3));
        PhaseEntry approved = restarted.approve(asked.pending().id(), "bob", "checked the shadow log");
        assertThat(approved.phase()).isEqualTo(RolloutPhase.PILOT);
        assertThat(restarted.effectivePhase(acct, "alpha")).isEqualTo(RolloutPhase.PILOT);
        assertThat(restarted.pending()).isEmpty();
        board.reload();
        assertThat(board.effectivePhase(acct, "alpha")).isEqualTo(RolloutPhase.PILOT);

        JsonNode audit = lastAudit(JdbcRolloutStore.PHASE_CHANGED);
        assertThat(audit.path("actor").asText()).isEqualTo("bob");
        JsonNode detail = audit.path("detail");
        assertThat(detail.path("from").asText()).isEqualTo("SHADOW");
        assertThat(detail.path("to").asText()).isEqualTo("PILOT");
        assertThat(detail.path("requestedBy").asText()).isEqualTo("alice");
        assertThat(detail.path("approvedBy").asText()).isEqualTo("bob");
        assertThat(detail.path("reason").asText()).isEqualTo("pilot week 1");
        assertThat(detail.path("evidence").path("openBreaks").asLong()).isZero();
        assertThat(detail.path("evidence").has("lastPassedDrillAt")).isTrue();
        assertThat(detail.path("evidence").path("rejects").path("window").asText()).isEqualTo("PT24H");
    }

    @Test
    void withoutFourEyesAPromotionOfOneStepTakesEffectAtOnce() {
        RolloutBoard board = shadowBoard(false);
        RolloutChange done = board.request(RolloutScope.account(acct), RolloutPhase.PILOT, "alice", "go");
        assertThat(done.isPending()).isFalse();
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.PILOT);
    }

    @Test
    void aDemotionIsImmediateAndSupersedesAWaitingPromotion() throws Exception {
        RolloutBoard board = board(Map.of(RolloutScope.account(acct), RolloutPhase.RAMP,
                RolloutScope.account(other), RolloutPhase.LIVE), true);
        RolloutChange asked = board.request(RolloutScope.account(acct), RolloutPhase.LIVE, "alice", "ramp done");
        assertThat(asked.isPending()).isTrue();

        RolloutChange demoted = board.request(RolloutScope.account(acct), RolloutPhase.SHADOW, "alice", "breaks");
        assertThat(demoted.isPending()).isFalse();
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);
        assertThat(board.pending()).isEmpty();
        assertThat(lastAudit(JdbcRolloutStore.PROMOTION_SUPERSEDED).path("detail").path("changeId").asLong())
                .isEqualTo(asked.pending().id());
        assertThatThrownBy(() -> board.approve(asked.pending().id(), "bob", null))
                .isInstanceOf(UnknownPendingChange.class);
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);
    }

    @Test
    void aPromotionThatSkipsAPhaseIsRefusedAndChangesNothing() throws Exception {
        RolloutBoard board = shadowBoard(false);
        long audits = auditCount();
        assertThatThrownBy(() -> board.request(RolloutScope.account(acct), RolloutPhase.RAMP, "alice", "hurry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one step").hasMessageContaining("PILOT");
        assertThatThrownBy(() -> board.request(RolloutScope.account(acct), RolloutPhase.LIVE, "alice", "hurry"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);
        assertThat(auditCount()).isEqualTo(audits);
    }

    @Test
    void unknownAccountsStrategiesAndPhasesAreRefusedWithTheirName() {
        RolloutBoard board = shadowBoard(false);
        assertThatThrownBy(() -> board.request(RolloutScope.account("nope"), RolloutPhase.PILOT, "alice", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown account 'nope'");
        assertThatThrownBy(() -> board.request(RolloutScope.strategy(other, "beta"), RolloutPhase.PILOT, "alice", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown strategy 'beta'");
        assertThatThrownBy(() -> RolloutPhase.parse("PAPER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rollout phase 'PAPER'");
        assertThatThrownBy(() -> board.request(RolloutScope.account(acct), RolloutPhase.PILOT, "alice", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void anOrderIsInTheMoreCautiousOfItsAccountsAndItsStrategysPhase() {
        RolloutBoard board = board(Map.of(RolloutScope.account(acct), RolloutPhase.RAMP, RolloutScope.account(other),
                RolloutPhase.LIVE, RolloutScope.strategy(acct, "alpha"), RolloutPhase.SHADOW,
                RolloutScope.strategy(other, "alpha"), RolloutPhase.PILOT), false);
        assertThat(board.effectivePhase(acct, "alpha")).isEqualTo(RolloutPhase.SHADOW);
        assertThat(board.effectivePhase(acct, "beta")).isEqualTo(RolloutPhase.RAMP);
        assertThat(board.effectivePhase(other, "alpha")).isEqualTo(RolloutPhase.PILOT);
        assertThat(board.effectivePhase(other, null)).isEqualTo(RolloutPhase.LIVE);

        // a strategy's own phase above its account's does not lift the account's caution
        board.request(RolloutScope.strategy(acct, "alpha"), RolloutPhase.PILOT, "alice", "step");
        board.request(RolloutScope.strategy(acct, "alpha"), RolloutPhase.RAMP, "alice", "step");
        board.request(RolloutScope.strategy(acct, "alpha"), RolloutPhase.LIVE, "alice", "step");
        assertThat(board.effectivePhase(acct, "alpha")).isEqualTo(RolloutPhase.RAMP);
        // giving a strategy that follows its account a phase of its own is a demotion: at once, even with four eyes
        RolloutBoard fourEyes = board(Map.of(), true);
        assertThat(fourEyes.request(RolloutScope.strategy(acct, "beta"), RolloutPhase.PILOT, "alice", "careful")
                .isPending()).isFalse();
        assertThat(fourEyes.effectivePhase(acct, "beta")).isEqualTo(RolloutPhase.PILOT);
    }

    @Test
    void thePersistedPhaseWinsOverTheConfigurationAfterTheFirstStart() throws Exception {
        RolloutBoard first = shadowBoard(false);
        first.request(RolloutScope.account(acct), RolloutPhase.PILOT, "alice", "go");
        assertThat(auditCountFor(JdbcRolloutStore.PHASE_CONFIGURED, acct)).isEqualTo(1);

        RolloutBoard restarted = shadowBoard(false);
        assertThat(restarted.effectivePhase(acct, null)).isEqualTo(RolloutPhase.PILOT);
        // a scope configured since gets its configured phase, audited once
        RolloutBoard withStrategy = board(Map.of(RolloutScope.account(acct), RolloutPhase.SHADOW,
                RolloutScope.strategy(acct, "beta"), RolloutPhase.SHADOW), false);
        assertThat(withStrategy.effectivePhase(acct, null)).isEqualTo(RolloutPhase.PILOT);
        assertThat(withStrategy.effectivePhase(acct, "beta")).isEqualTo(RolloutPhase.SHADOW);
        assertThat(auditCountFor(JdbcRolloutStore.PHASE_CONFIGURED, acct)).isEqualTo(2);
    }

    @Test
    void aSecondPromotionOfTheSameScopeWaitsForTheFirstAndAWithdrawnOneIsGone() throws Exception {
        RolloutBoard board = shadowBoard(true);
        RolloutChange asked = board.request(RolloutScope.account(acct), RolloutPhase.PILOT, "alice", "go");
        assertThatThrownBy(() -> board.request(RolloutScope.account(acct), RolloutPhase.PILOT, "carol", "me too"))
                .isInstanceOf(RolloutConflict.class).hasMessageContaining("already waits");

        PendingPromotion gone = board.withdraw(asked.pending().id(), "bob", "not this week");
        assertThat(gone.to()).isEqualTo(RolloutPhase.PILOT);
        assertThat(board.pending()).isEmpty();
        assertThat(lastAudit(JdbcRolloutStore.PROMOTION_WITHDRAWN).path("actor").asText()).isEqualTo("bob");
        assertThatThrownBy(() -> board.approve(asked.pending().id(), "carol", null))
                .isInstanceOf(UnknownPendingChange.class);
        assertThat(board.effectivePhase(acct, null)).isEqualTo(RolloutPhase.SHADOW);
    }

    @Test
    void theEvidenceShowsOpenBreaksAndTheLastPassedDrill() throws Exception {
        JdbcKillSwitchDrills drills = new JdbcKillSwitchDrills(db);
        assertThat(drills.lastPassed(acct)).isEmpty();
        drills.record(acct, Instant.parse("2026-12-01T00:00:00Z"), true, Map.of("canceled", 3));
        drills.record(acct, Instant.parse("2026-12-05T00:00:00Z"), false, Map.of());
        assertThat(drills.lastPassed(acct)).contains(Instant.parse("2026-12-01T00:00:00Z"));
        openBreak(acct, Instant.parse("2026-12-06T01:00:00Z"));

        Map<String, Object> seen = new JdbcRolloutEvidence(db, drills, Duration.ofHours(24), clock).of(acct);
        assertThat(seen).containsEntry("openBreaks", 1L).containsEntry("oldestOpenBreakAgeSeconds", 86_400L)
                .containsEntry("lastPassedDrillAt", "2026-12-01T00:00:00Z");
    }

    /** @return the break's id */
    static long openBreak(String account, Instant openedAt) throws Exception {
        try (Connection c = RiskTestDatabase.dataSource().getConnection()) {
            long run;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into recon_runs (account, trigger, outcome) values (?, 'ON_DEMAND', 'SUCCEEDED') returning run_id")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    run = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into recon_breaks (account, kind, subject,"
                    + " opened_run_id, opened_at) values (?, 'CASH', 'cash', ?, ?) returning break_id")) {
                ps.setString(1, account);
                ps.setLong(2, run);
                ps.setTimestamp(3, java.sql.Timestamp.from(openedAt));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private JsonNode lastAudit(String action) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select actor, detail::text from audit_log where action = ? and detail->>'account' = ?"
                        + " order by audit_id desc limit 1")) {
            ps.setString(1, action);
            ps.setString(2, acct);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("an audit row %s of %s", action, acct).isTrue();
                return JSON.createObjectNode().put("actor", rs.getString(1)).set("detail", JSON.readTree(rs.getString(2)));
            }
        }
    }

    private long auditCount() throws Exception {
        return auditCountFor(null, acct);
    }

    private long auditCountFor(String action, String account) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from audit_log where detail->>'account' = ? and (?::text is null or action = ?)")) {
            ps.setString(1, account);
            ps.setString(2, action);
            ps.setString(3, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
